package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Chooses how a filter is answered: from the {@code _id} index or another unique index when every key has
 * an equality, from a {@link SecondaryIndex} when equalities (or {@code $in}) cover a prefix of its keys,
 * optionally followed by one range on the next key (or {@code $exists: true} on its first key), or not at
 * all (a collection scan).
 *
 * <p>Only conditions that every matching document must satisfy are used (top-level fields and
 * {@code $and}); the candidates are a superset of the answer and the collection applies the full matcher
 * to each one, so a plan can make a query cheaper but never change its result.
 */
final class QueryPlanner {
    /** More equality combinations than this ({@code $in} times {@code $in}) and the prefix gets shorter. */
    private static final int MAX_COMBINATIONS = 1000;

    private QueryPlanner() {
    }

    /** The necessary conditions on one path. */
    static final class Constraint {
        List<Object> equals;
        /** An equality on a whole subdocument: only a unique (hash) index can look it up. */
        Document equalsDocument;
        Object lower;
        boolean lowerInclusive;
        Object upper;
        boolean upperInclusive;
        boolean exists;

        boolean hasRange() {
            return lower != null || upper != null || exists;
        }
    }

    /** A plan: candidate positions in some order, and whether that order is the requested sort. */
    record Plan(String description, Iterator<Object> positions, boolean sorted) {
    }

    static Map<String, Constraint> constraints(Document filter) {
        Map<String, Constraint> result = new LinkedHashMap<>();
        collect(filter, result);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Document filter, Map<String, Constraint> out) {
        for (Map.Entry<String, Object> e : filter.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals("$and") && value instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document d) {
                        collect(d, out);
                    }
                }
                continue;
            }
            if (key.startsWith("$") || key.isEmpty()) {
                continue;
            }
            if (value instanceof Document op && !op.isEmpty() && op.keySet().stream().allMatch(k -> k.startsWith("$"))) {
                if (op.containsKey("$regex")) {
                    continue;
                }
                for (Map.Entry<String, Object> o : op.entrySet()) {
                    Object v = o.getValue();
                    switch (o.getKey()) {
                        case "$eq" -> {
                            if (Values.indexable(v)) {
                                equality(out, key, List.of(v));
                            }
                        }
                        case "$in" -> {
                            if (v instanceof Collection<?> list && list.stream().allMatch(Values::indexable)) {
                                equality(out, key, new ArrayList<>((Collection<Object>) list));
                            }
                        }
                        case "$gt", "$gte" -> {
                            if (Values.indexable(v)) {
                                Constraint c = out.computeIfAbsent(key, k -> new Constraint());
                                if (c.lower == null) {
                                    c.lower = v;
                                    c.lowerInclusive = o.getKey().equals("$gte");
                                }
                            }
                        }
                        case "$lt", "$lte" -> {
                            if (Values.indexable(v)) {
                                Constraint c = out.computeIfAbsent(key, k -> new Constraint());
                                if (c.upper == null) {
                                    c.upper = v;
                                    c.upperInclusive = o.getKey().equals("$lte");
                                }
                            }
                        }
                        case "$exists" -> {
                            if (Boolean.TRUE.equals(v) || v instanceof Number n && n.doubleValue() != 0) {
                                out.computeIfAbsent(key, k -> new Constraint()).exists = true;
                            }
                        }
                        default -> {
                            // left to the matcher
                        }
                    }
                }
            } else if (Values.indexable(value)) {
                equality(out, key, List.of(value));
            } else if (value instanceof Document sub && !sub.isEmpty()
                    && sub.keySet().stream().noneMatch(k -> k.startsWith("$"))) {
                out.computeIfAbsent(key, k -> new Constraint()).equalsDocument = sub;
            }
        }
    }

    private static void equality(Map<String, Constraint> out, String key, List<Object> values) {
        Constraint c = out.computeIfAbsent(key, k -> new Constraint());
        if (c.equals == null || values.size() < c.equals.size()) {
            c.equals = values;
        }
    }

    /** The best plan for the filter and sort, or null for a collection scan. */
    static Plan plan(Document filter, Document sort, List<Index<Object>> indexes) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        Map<String, Constraint> constraints = constraints(filter);
        if (constraints.isEmpty()) {
            return null;
        }
        // 1. a unique index whose every key has an equality: _id first
        Plan unique = null;
        for (Index<Object> index : indexes) {
            if (!(index instanceof AbstractUniqueIndex<Object>)) {
                continue;
            }
            Document lookup = uniqueLookup(index, constraints);
            if (lookup != null) {
                boolean isId = lookup.keySet().equals(Set.of("_id"));
                Iterable<Object> positions = index.getPositions(lookup);
                Plan p = new Plan("IXSCAN " + index.getName(), dedup(positions.iterator()), false);
                if (isId) {
                    return p;
                }
                if (unique == null) {
                    unique = p;
                }
            }
        }
        if (unique != null) {
            return unique;
        }
        // 2. the secondary index with the longest equality prefix (then a range, then the sort)
        SecondaryIndex best = null;
        int bestScore = 0;
        int bestPrefix = 0;
        for (Index<Object> index : indexes) {
            if (!(index instanceof SecondaryIndex si)) {
                continue;
            }
            int prefix = equalityPrefix(si, constraints);
            boolean range = prefix < si.size() && constraints.containsKey(si.path(prefix))
                    && constraints.get(si.path(prefix)).hasRange();
            if (prefix == 0 && !range) {
                continue;
            }
            int score = prefix * 10 + (range ? 5 : 0) + (sortDirection(si, prefix, constraints, sort) != 0 ? 3 : 0);
            score = score * 100 - si.size();
            if (score > bestScore) {
                best = si;
                bestScore = score;
                bestPrefix = prefix;
            }
        }
        if (best == null) {
            return null;
        }
        return scanPlan(best, bestPrefix, constraints, sort);
    }

    private static Document uniqueLookup(Index<Object> index, Map<String, Constraint> constraints) {
        List<IndexKey> keys = index.getKeys();
        Document lookup = new Document();
        for (IndexKey key : keys) {
            Constraint c = constraints.get(key.getKey());
            if (c != null && c.equals == null && c.equalsDocument != null) {
                lookup.put(key.getKey(), c.equalsDocument);
                continue;
            }
            if (c == null || c.equals == null) {
                return null;
            }
            if (c.equals.size() == 1) {
                lookup.put(key.getKey(), c.equals.get(0));
            } else if (keys.size() == 1) {
                lookup.put(key.getKey(), new Document("$in", c.equals));
            } else {
                return null;
            }
        }
        return lookup;
    }

    private static int equalityPrefix(SecondaryIndex index, Map<String, Constraint> constraints) {
        int prefix = 0;
        long combinations = 1;
        while (prefix < index.size()) {
            Constraint c = constraints.get(index.path(prefix));
            if (c == null || c.equals == null) {
                break;
            }
            combinations *= Math.max(1, c.equals.size());
            if (combinations > MAX_COMBINATIONS) {
                break;
            }
            prefix++;
        }
        return prefix;
    }

    /**
     * +1 when scanning the index forwards gives the requested sort, -1 when backwards does, 0 when it does
     * not: the sort keys continue the index after a single-valued equality prefix, all in its direction or
     * all against it, and none of them has ever held an array.
     */
    static int sortDirection(SecondaryIndex index, int prefix, Map<String, Constraint> constraints, Document sort) {
        if (sort == null || sort.isEmpty() || sort.containsKey("$natural")) {
            return 0;
        }
        for (int i = 0; i < prefix; i++) {
            if (constraints.get(index.path(i)).equals.size() != 1) {
                return 0;
            }
        }
        List<String> sortKeys = new ArrayList<>(sort.keySet());
        if (sortKeys.size() > index.size() - prefix) {
            return 0;
        }
        int direction = 0;
        for (int i = 0; i < sortKeys.size(); i++) {
            int k = prefix + i;
            if (!sortKeys.get(i).equals(index.path(k)) || index.multikey(k)) {
                return 0;
            }
            Object v = sort.get(sortKeys.get(i));
            if (!(v instanceof Number n) || n.doubleValue() == 0) {
                return 0;
            }
            boolean wantAscending = n.doubleValue() > 0;
            int d = wantAscending == index.ascending(k) ? 1 : -1;
            if (direction != 0 && d != direction) {
                return 0;
            }
            direction = d;
        }
        return direction;
    }

    private static Plan scanPlan(SecondaryIndex index, int prefix, Map<String, Constraint> constraints, Document sort) {
        int n = index.size();
        List<Object[]> prefixes = new ArrayList<>();
        prefixes.add(new Object[0]);
        for (int i = 0; i < prefix; i++) {
            List<Object> values = constraints.get(index.path(i)).equals;
            List<Object[]> next = new ArrayList<>();
            for (Object[] p : prefixes) {
                for (Object v : values) {
                    Object[] longer = Arrays.copyOf(p, p.length + 1);
                    longer[p.length] = Values.normalize(v);
                    next.add(longer);
                }
            }
            prefixes = next;
        }
        Constraint range = prefix < n ? constraints.get(index.path(prefix)) : null;
        if (range != null && !range.hasRange()) {
            range = null;
        }
        Object low = null;
        boolean lowInclusive = true;
        Object high = null;
        boolean highInclusive = true;
        StringBuilder description = new StringBuilder("IXSCAN " + index.getName() + " prefix=" + prefix);
        if (range != null) {
            low = range.lower == null ? null : Values.normalize(range.lower);
            lowInclusive = range.lowerInclusive;
            high = range.upper == null ? null : Values.normalize(range.upper);
            highInclusive = range.upperInclusive;
            if (low != null && high != null && index.multikey(prefix)) {
                // with an array, different elements may satisfy each bound: keep one bound only
                high = null;
            }
            if (low == null && range.exists) {
                low = IndexEntryType.Absent.INSTANCE;
                lowInclusive = false;
            }
            description.append(" range=").append(low).append("..").append(high);
        }
        int direction = sortDirection(index, prefix, constraints, sort);
        boolean reverse = direction < 0;
        List<Object[][]> bounds = new ArrayList<>();
        for (Object[] p : prefixes) {
            bounds.add(bounds(index, p, range != null, low, lowInclusive, high, highInclusive));
        }
        if (reverse) {
            java.util.Collections.reverse(bounds);
        }
        Iterator<Object> positions = new Iterator<>() {
            private int next;
            private Iterator<Object[]> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < bounds.size()) {
                    Object[][] b = bounds.get(next++);
                    current = index.scan(b[0], b[1], reverse);
                }
                return current.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] entry = current.next();
                return entry[entry.length - 1];
            }
        };
        return new Plan(description.toString(), dedup(positions), direction != 0);
    }

    /** Start and end keys, in storage order, of the entries with this prefix and within the range. */
    private static Object[][] bounds(SecondaryIndex index, Object[] prefix, boolean hasRange, Object low,
                                     boolean lowInclusive, Object high, boolean highInclusive) {
        int n = index.size() + 1;
        Object[] start = new Object[n];
        Object[] end = new Object[n];
        System.arraycopy(prefix, 0, start, 0, prefix.length);
        System.arraycopy(prefix, 0, end, 0, prefix.length);
        int k = prefix.length;
        int fillStartFrom = k;
        int fillEndFrom = k;
        Object fillStart = IndexEntryType.FIRST;
        Object fillEnd = IndexEntryType.LAST;
        if (hasRange && k < index.size()) {
            boolean asc = index.ascending(k);
            // in storage order a descending key runs from high to low
            Object first = asc ? low : high;
            boolean firstInclusive = asc ? lowInclusive : highInclusive;
            Object last = asc ? high : low;
            boolean lastInclusive = asc ? highInclusive : lowInclusive;
            if (first != null) {
                start[k] = first;
                fillStartFrom = k + 1;
                fillStart = firstInclusive ? IndexEntryType.FIRST : IndexEntryType.LAST;
            }
            if (last != null) {
                end[k] = last;
                fillEndFrom = k + 1;
                fillEnd = lastInclusive ? IndexEntryType.LAST : IndexEntryType.FIRST;
            }
        }
        for (int i = fillStartFrom; i < n; i++) {
            start[i] = fillStart;
        }
        for (int i = fillEndFrom; i < n; i++) {
            end[i] = fillEnd;
        }
        return new Object[][]{start, end};
    }

    private static Iterator<Object> dedup(Iterator<Object> positions) {
        return new Iterator<>() {
            private final Set<Object> seen = new LinkedHashSet<>();
            private Object next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && positions.hasNext()) {
                    Object p = positions.next();
                    if (seen.add(p == null ? NULL_POSITION : p)) {
                        next = p;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next;
            }
        };
    }

    private static final Object NULL_POSITION = new Object();
}
