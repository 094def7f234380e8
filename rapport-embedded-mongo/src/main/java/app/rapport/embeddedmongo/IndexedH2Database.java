package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * An H2 database whose collections plan their queries ({@link IndexedH2Collection}) and whose non-unique
 * indexes are real ({@link SecondaryIndex}, one ordered MVStore map each, named like H2's unique-index maps
 * so that H2's own drop code removes them).
 */
final class IndexedH2Database extends H2Database {
    /** The store and the statistics, handed to the overrides that H2Database's constructor already calls. */
    record Context(MVStore store, QueryStats stats) {
    }

    private static final ThreadLocal<Context> CONSTRUCTING = new ThreadLocal<>();

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
