package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * An H2 database whose collections plan their queries ({@link IndexedH2Collection}), whose non-unique
 * indexes are real ({@link SecondaryIndex}, one ordered MVStore map each, named like H2's unique-index maps
 * so that H2's own drop code removes them), and whose unique indexes compare their keys without Java
 * serialization ({@link UniqueIndex}, {@link KeyValueType}).
 *
 * <p>A store written before {@link KeyValueType} keeps its unique-index maps with H2's default key type;
 * each is converted once, when it is first opened (its entries read with the old type, the map removed and
 * written again with the new one). {@value #UNIQUE_FORMAT_MAP} records which maps have the new type.
 */
final class IndexedH2Database extends H2Database {
    /** The store and the statistics, handed to the overrides that H2Database's constructor already calls. */
    record Context(MVStore store, QueryStats stats) {
    }

    private static final ThreadLocal<Context> CONSTRUCTING = new ThreadLocal<>();
    static final String UNIQUE_FORMAT_MAP = "meta.rapport.unique-index-format";
    private static final int KEY_VALUE_TYPE = 2;
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
        MVMap<Object, Document> dataMap = c.store().openMap("databases." + fullName);
        MVMap<String, Object> metaMap = c.store().openMap("meta." + fullName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry, c.stats());
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVStore store = context().store();
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        MVMap<String, Integer> formats = store.openMap(UNIQUE_FORMAT_MAP);
        MVMap.Builder<KeyValue, Object> builder = new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE);
        if (!Integer.valueOf(KEY_VALUE_TYPE).equals(formats.get(mapName)) && store.hasMap(mapName)) {
            MVMap<KeyValue, Object> old = store.openMap(mapName);
            List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>((int) Math.min(old.sizeAsLong(), 1 << 20));
            for (Map.Entry<KeyValue, Object> e : old.entrySet()) {
                entries.add(Map.entry(e.getKey(), e.getValue()));
            }
            store.removeMap(old);
            MVMap<KeyValue, Object> converted = store.openMap(mapName, builder);
            for (Map.Entry<KeyValue, Object> e : entries) {
                converted.put(e.getKey(), e.getValue());
            }
            formats.put(mapName, KEY_VALUE_TYPE);
            LOG.info(() -> "converted unique index " + mapName + " (" + entries.size() + " keys) to the comparable key type");
            return new UniqueIndex(converted, indexName, keys, sparse);
        }
        MVMap<KeyValue, Object> map = store.openMap(mapName, builder);
        formats.put(mapName, KEY_VALUE_TYPE);
        return new UniqueIndex(map, indexName, keys, sparse);
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
