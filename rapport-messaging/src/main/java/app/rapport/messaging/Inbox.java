package app.rapport.messaging;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;

/**
 * The idempotent inbox: a consumer applies each {@code ce_id} once however often Kafka delivers it.
 *
 * <p>The ids already applied are kept in the very document the event changes (field
 * {@value #FIELD}, the last {@value #WINDOW}), and the update only matches when the id is not
 * there yet. Check and apply are then one single-document atomic write, with no window between
 * them for a crash or a second consumer. Redeliveries come from uncommitted offsets, so they are
 * always among the last events of a key, well inside the window.
 */
public final class Inbox {
    public static final String FIELD = "inbox";
    public static final int WINDOW = 500;

    /**
     * Applies {@code update} to the document {@code id} (created when missing) unless the event was
     * applied before.
     *
     * @return true when applied now, false when it was a duplicate
     */
    public static boolean applyOnce(MongoCollection<Document> collection, Object id, String eventId, Bson update) {
        Bson filter = Filters.and(Filters.eq("_id", id), Filters.ne(FIELD, eventId));
        Bson withMark = Updates.combine(update,
                Updates.pushEach(FIELD, List.of(eventId), new PushOptions().slice(-WINDOW)));
        try {
            collection.updateOne(filter, withMark, new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            // the document exists and already holds the event id: the upsert's insert collides on _id
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Inserts a document whose {@code _id} is derived from the event id, so a redelivery collides
     * and changes nothing.
     *
     * @return true when inserted now, false when it was a duplicate
     */
    public static boolean insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY || e.getCode() == 11000;
    }

    private Inbox() {
    }
}
