package app.rapport.embeddedmongo;

import app.rapport.embeddedmongo.IndexEntryType.Absent;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A non-unique index (single or compound, sparse or not, multikey) kept in an ordered MVStore map, so it
 * is committed with the documents and survives a restart. mongo-java-server's own backends accept such an
 * index and ignore it ({@code EmptyIndex}); {@link IndexedH2Collection} plans queries on this one.
 *
 * <p>One map entry per combination of key values: an array field (or a path through an array of
 * subdocuments) gives one entry per element, as MongoDB's multikey indexes do. A path that is not there is
 * {@link Absent}; a sparse index skips a document whose keys are all absent. The index never answers
 * {@link #canHandle} itself: the collection's planner reads it through {@link #scan}.
 */
final class SecondaryIndex extends Index<Object> {
    private static final String MULTIKEY = "multikey";

    private final MVMap<Object[], Boolean> entries;
    private final MVMap<String, Integer> flags;
    private final List<List<String>> paths = new ArrayList<>();
    private final IndexEntryType type;
    private volatile int multikeyMask;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<Object[], Boolean> entries,
                   MVMap<String, Integer> flags, IndexEntryType type) {
        super(name, keys, sparse);
        this.entries = entries;
        this.flags = flags;
        this.type = type;
        for (IndexKey key : keys) {
            paths.add(List.of(key.getKey().split("\\.")));
        }
        if (entries.isEmpty()) {
            flags.remove(MULTIKEY);
        }
        multikeyMask = flags.getOrDefault(MULTIKEY, 0);
    }

    int size() {
        return paths.size();
    }

    String path(int i) {
        return getKeys().get(i).getKey();
    }

    boolean ascending(int i) {
        return getKeys().get(i).isAscending();
    }

    /** Whether some document ever had an array on the path of key {@code i} (never reset, like MongoDB). */
    boolean multikey(int i) {
        return (multikeyMask & (1 << Math.min(i, 30))) != 0;
    }

    IndexEntryType entryType() {
        return type;
    }

    boolean sparse() {
        return isSparse();
    }

    // ---- maintenance ----------------------------------------------------------------------------

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to check
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (Object[] entry : entriesOf(document, position)) {
            entries.put(entry, Boolean.TRUE);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = positionOf(document);
        Set<Object[]> keys = entriesOf(document, position);
        for (Object[] entry : keys) {
            entries.remove(entry);
        }
        return keys.isEmpty() && isSparse() ? null : position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to check
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        Set<Object[]> before = entriesOf(oldDocument, position);
        Set<Object[]> after = entriesOf(newDocument, position);
        Set<List<Object>> afterAsLists = new LinkedHashSet<>();
        for (Object[] e : after) {
            afterAsLists.add(List.of(nullSafe(e)));
        }
        Set<List<Object>> beforeAsLists = new LinkedHashSet<>();
        for (Object[] e : before) {
            List<Object> asList = List.of(nullSafe(e));
            beforeAsLists.add(asList);
            if (!afterAsLists.contains(asList)) {
                entries.remove(e);
            }
        }
        for (Object[] e : after) {
            if (!beforeAsLists.contains(List.of(nullSafe(e)))) {
                entries.put(e, Boolean.TRUE);
            }
        }
    }

    private static final Object NULL = new Object();

    private static Object[] nullSafe(Object[] entry) {
        Object[] copy = entry.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                copy[i] = NULL;
            }
        }
        return copy;
    }

    private static Object positionOf(Document document) {
        Object id = document.get("_id");
        return id instanceof Missing ? null : id;
    }

    /** The map entries of a document: the product of each key's values, then the position. */
    Set<Object[]> entriesOf(Document document, Object position) {
        List<List<Object>> valuesPerKey = new ArrayList<>();
        boolean allAbsent = true;
        int mask = 0;
        for (int k = 0; k < paths.size(); k++) {
            List<Object> values = new ArrayList<>();
            boolean[] sawArray = new boolean[1];
            collect(document, paths.get(k), 0, values, sawArray);
            List<Object> distinct = distinct(values);
            if (sawArray[0] || distinct.size() > 1) {
                mask |= 1 << Math.min(k, 30);
            }
            for (Object v : distinct) {
                if (!(v instanceof Absent)) {
                    allAbsent = false;
                }
            }
            valuesPerKey.add(distinct);
        }
        if (isSparse() && allAbsent) {
            return Set.of();
        }
        if ((mask & ~multikeyMask) != 0) {
            markMultikey(mask);
        }
        List<Object[]> combinations = new ArrayList<>();
        combinations.add(new Object[0]);
        for (List<Object> values : valuesPerKey) {
            List<Object[]> next = new ArrayList<>();
            for (Object[] prefix : combinations) {
                for (Object v : values) {
                    Object[] longer = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    longer[prefix.length] = v;
                    next.add(longer);
                }
            }
            combinations = next;
        }
        Set<Object[]> result = new java.util.TreeSet<>(type::compare);
        for (Object[] c : combinations) {
            Object[] entry = java.util.Arrays.copyOf(c, c.length + 1);
            entry[c.length] = position;
            result.add(entry);
        }
        return result;
    }

    private synchronized void markMultikey(int mask) {
        multikeyMask |= mask;
        flags.put(MULTIKEY, multikeyMask);
    }

    private static List<Object> distinct(List<Object> values) {
        List<Object> result = new ArrayList<>();
        outer:
        for (Object v : values) {
            for (Object r : result) {
                if (IndexEntryType.compareValues(v, r) == 0 && sameKind(v, r)) {
                    continue outer;
                }
            }
            result.add(v);
        }
        return result;
    }

    private static boolean sameKind(Object a, Object b) {
        return (a == null) == (b == null) && (a instanceof Absent) == (b instanceof Absent);
    }

    /**
     * Every value at {@code path} from {@code parts[i]} on, through arrays and arrays of subdocuments (a
     * superset of what the query matcher can match: nested arrays give their elements and themselves).
     */
    private static void collect(Object value, List<String> parts, int i, List<Object> out, boolean[] sawArray) {
        if (i == parts.size()) {
            leaf(value, out, sawArray);
            return;
        }
        String part = parts.get(i);
        if (value instanceof Map<?, ?> map) {
            if (!map.containsKey(part)) {
                out.add(Absent.INSTANCE);
                return;
            }
            collect(map.get(part), parts, i + 1, out, sawArray);
        } else if (value instanceof Collection<?> list) {
            sawArray[0] = true;
            int before = out.size();
            if (part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
                int index = Integer.parseInt(part);
                if (index < list.size()) {
                    collect(new ArrayList<>(list).get(index), parts, i + 1, out, sawArray);
                }
            }
            for (Object element : list) {
                if (element instanceof Map || element instanceof Collection) {
                    collect(element, parts, i, out, sawArray);
                }
            }
            if (out.size() == before) {
                out.add(Absent.INSTANCE);
            }
        } else {
            out.add(Absent.INSTANCE);
        }
    }

    private static void leaf(Object value, List<Object> out, boolean[] sawArray) {
        if (value instanceof Collection<?> list) {
            sawArray[0] = true;
            out.add(Values.normalize(value));
            for (Object element : list) {
                if (element instanceof Collection) {
                    leaf(element, out, sawArray);
                } else {
                    out.add(Values.normalize(element));
                }
            }
        } else {
            out.add(Values.normalize(value));
        }
    }

    // ---- reading ----------------------------------------------------------------------------------

    /** The entries from {@code start} to {@code end} (bounds made of values and sentinels), in order. */
    Iterator<Object[]> scan(Object[] start, Object[] end, boolean reverse) {
        Iterator<Object[]> keys = reverse ? entries.keyIteratorReverse(end) : entries.keyIterator(start);
        return new Iterator<>() {
            private Object[] next = advance();

            private Object[] advance() {
                while (keys.hasNext()) {
                    Object[] key = keys.next();
                    if (reverse) {
                        if (type.compare(key, end) > 0) {
                            continue;
                        }
                        return type.compare(key, start) < 0 ? null : key;
                    } else {
                        if (type.compare(key, start) < 0) {
                            continue;
                        }
                        return type.compare(key, end) > 0 ? null : key;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Object[] next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Object[] current = next;
                next = advance();
                return current;
            }
        };
    }

    // ---- bookkeeping ----------------------------------------------------------------------------

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("planned by IndexedH2Collection");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        flags.remove(MULTIKEY);
    }
}
