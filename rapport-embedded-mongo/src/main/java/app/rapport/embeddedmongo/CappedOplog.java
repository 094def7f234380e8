package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

import java.util.ArrayList;
import java.util.List;

/**
 * mongo-java-server's collection-backed oplog, capped the way MongoDB caps {@code local.oplog.rs}: once
 * it holds a tenth more than {@code maxEntries}, the oldest entries are removed down to
 * {@code maxEntries}. A change stream that falls further behind than that loses entries, as on MongoDB.
 */
final class CappedOplog implements Oplog {
    private final Oplog delegate;
    private final MongoCollection<?> collection;
    private final int maxEntries;
    private final int trimAt;

    CappedOplog(Oplog delegate, MongoCollection<?> collection, int maxEntries) {
        this.delegate = delegate;
        this.collection = collection;
        this.maxEntries = maxEntries;
        this.trimAt = maxEntries + Math.max(1, maxEntries / 10);
    }

    @Override
    public void handleInsert(String namespace, List<Document> documents) {
        delegate.handleInsert(namespace, documents);
        trim();
    }

    @Override
    public void handleUpdate(String namespace, Document selector, Document query, List<Object> modifiedIds) {
        delegate.handleUpdate(namespace, selector, query, modifiedIds);
        trim();
    }

    @Override
    public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
        delegate.handleDelete(namespace, query, deletedIds);
        trim();
    }

    @Override
    public void handleDropCollection(String namespace) {
        delegate.handleDropCollection(namespace);
        trim();
    }

    @Override
    public Cursor createCursor(Document changeStreamDocument, String namespace, Aggregation aggregation) {
        return delegate.createCursor(changeStreamDocument, namespace, aggregation);
    }

    private void trim() {
        synchronized (collection) {
            int count = collection.count();
            if (count < trimAt) {
                return;
            }
            int excess = count - maxEntries;
            Document oldestFirst = new Document("query", new Document()).append("orderby", new Document("ts", 1));
            List<Document> oldest = new ArrayList<>();
            collection.handleQuery(oldestFirst, 0, excess).forEach(oldest::add);
            for (Document entry : oldest) {
                collection.removeDocument(entry);
            }
        }
    }

    int maxEntries() {
        return maxEntries;
    }
}
