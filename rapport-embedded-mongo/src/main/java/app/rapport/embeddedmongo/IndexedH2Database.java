package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * An H2 database whose collections plan their queries ({@link IndexedH2Collection}), whose non-unique
 * indexes are real ({@link SecondaryIndex}, one ordered MVStore map each, named like H2's unique-index maps
 * so that H2's own drop code removes them), and whose unique indexes compare their keys without Java
 * serialization ({@link UniqueIndex}, {@link KeyValueType}), and whose documents are stored as BSON
 * ({@link DocumentType}).
 *
 * <p>A store written before those types keeps its maps with H2's default types; each is converted once, when
 * it is first opened ({@link #openInFormat}). {@value #UNIQUE_FORMAT_MAP} and {@value #DOCUMENT_FORMAT_MAP}
 * record which maps have the new types.
 */
final class IndexedH2Database extends H2Database {
    /** The store and the statistics, handed to the overrides that H2Database's constructor already calls. */
    record Context(MVStore store, QueryStats stats) {
    }

    private static final ThreadLocal<Context> CONSTRUCTING = new ThreadLocal<>();
    static final String UNIQUE_FORMAT_MAP = "meta.rapport.unique-index-format";
    static final String DOCUMENT_FORMAT_MAP = "meta.rapport.document-format";
    private static final int KEY_VALUE_TYPE = 2;
    static final int BSON_DOCUMENTS = 1;
    private static final Logger LOG = Logger.getLogger(IndexedH2Database.class.getName());

    private final Context context;

    IndexedH2Database(String databaseName, Context context, CursorRegistry cursorRegistry) {
        super(databaseName, handOver(context), cursorRegistry);
        this.context = context;
        CONSTRUCTING.remove();
    }

    private static MVStore handOver(Context context) {
        CONSTRUCTING.set(context);
        return context.store();
    }

    private Context context() {
        return context != null ? context : CONSTRUCTING.get();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        Context c = context();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = openInFormat(c.store(), DOCUMENT_FORMAT_MAP, "databases." + fullName,
                new MVMap.Builder<Object, Document>().valueType(DocumentType.INSTANCE), BSON_DOCUMENTS);
        MVMap<String, Object> metaMap = c.store().openMap("meta." + fullName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry, c.stats());
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        context().store().openMap(DOCUMENT_FORMAT_MAP).remove("databases." + getFullCollectionNamespace(collectionName));
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        MVMap<KeyValue, Object> map = openInFormat(context().store(), UNIQUE_FORMAT_MAP, mapName,
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE), KEY_VALUE_TYPE);
        return new UniqueIndex(map, indexName, keys, sparse);
    }

    /** Where {@link #openInFormat} copies {@code mapName} while converting it. */
    static String copyName(String mapName) {
        return "meta.rapport.converting." + mapName;
    }

    /**
     * Opens {@code mapName} with the builder's types. A map that {@code formatMap} does not record in
     * {@code format} was written with H2's default types: it is copied once into a map of the new types, which
     * then takes its name. Every step is safe to stop at: a store commit can fall between any two of them, and
     * the next start finishes or restarts the conversion from what the store shows.
     */
    static <K, V> MVMap<K, V> openInFormat(MVStore store, String formatMap, String mapName,
                                           MVMap.Builder<K, V> builder, int format) {
        MVMap<String, Integer> formats = store.openMap(formatMap);
        Integer wanted = format;
        String copyName = copyName(mapName);
        if (wanted.equals(formats.get(mapName))) {
            return store.openMap(mapName, builder);
        }
        if (store.hasMap(mapName) && !store.hasMap(copyName) && wanted.equals(formats.get(copyName))) {
            formats.put(mapName, format); // the copy was renamed; only this record was missing
            formats.remove(copyName);
            return store.openMap(mapName, builder);
        }
        if (!store.hasMap(mapName) && !store.hasMap(copyName)) {
            formats.put(mapName, format); // a new map: recorded before it exists
            return store.openMap(mapName, builder);
        }
        MVMap<K, V> copy;
        long entries = 0;
        if (store.hasMap(mapName)) {
            if (store.hasMap(copyName)) {
                store.removeMap(copyName); // an unfinished copy
            }
            formats.put(copyName, format);
            MVMap<K, V> old = store.openMap(mapName);
            copy = store.openMap(copyName, builder);
            for (Map.Entry<K, V> e : old.entrySet()) {
                copy.put(e.getKey(), e.getValue());
                entries++;
            }
            store.removeMap(old);
        } else {
            copy = store.openMap(copyName, builder); // the copy was complete and the old map removed
            entries = copy.sizeAsLong();
        }
        store.renameMap(copy, mapName);
        formats.put(mapName, format);
        formats.remove(copyName);
        long n = entries;
        LOG.info(() -> "converted " + mapName + " (" + n + " entries) to its compact format");
        return copy;
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        context().store().openMap(UNIQUE_FORMAT_MAP)
                .remove(getFullCollectionNamespace(collection.getCollectionName()) + "._index_" + indexName);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        Context c = context();
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        boolean[] ascending = new boolean[keys.size()];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = keys.get(i).isAscending();
        }
        IndexEntryType type = new IndexEntryType(ascending);
        MVMap<Object[], Boolean> entries = c.store().openMap(mapName,
                new MVMap.Builder<Object[], Boolean>().keyType(type));
        MVMap<String, Integer> flags = c.store().openMap("meta." + mapName + "._flags");
        return new SecondaryIndex(indexName, keys, sparse, entries, flags, type);
    }
}
