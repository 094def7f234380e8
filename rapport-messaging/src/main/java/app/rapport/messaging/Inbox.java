package app.rapport.messaging;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
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

    /**
     * One change for {@link #applyOnceAll}: {@code update} on document {@code id}, once for
     * {@code eventId}, and only where the stored document also matches {@code condition} (null:
     * none; e.g. "stored version not newer"), a change refused by it counting as not applied.
     */
    public record Change(Object id, String eventId, Bson update, Bson condition) {
        public Change(Object id, String eventId, Bson update) {
            this(id, eventId, update, null);
        }
    }

    /**
     * {@link #applyOnce} for a batch, in one ordered bulk write (a round trip instead of one per
     * event). The changes are applied in list order, so two changes of one document (events of one
     * key) keep theirs. A change whose event the document already holds fails its upsert on
     * {@code _id} (duplicate key, 11000): it counts as applied before, and the write goes on with the
     * changes after it (an ordered bulk stops at its first error, so it is resumed there).
     *
     * @return per change, true when applied now, false when it was a duplicate
     * @throws com.mongodb.MongoException on any other error (nothing after the failed change was
     *         written; applying the whole list again is safe)
     */
    public static boolean[] applyOnceAll(MongoCollection<Document> collection, List<Change> changes) {
        List<WriteModel<Document>> writes = new ArrayList<>(changes.size());
        for (Change c : changes) {
            Bson filter = c.condition() == null
                    ? Filters.and(Filters.eq("_id", c.id()), Filters.ne(FIELD, c.eventId()))
                    : Filters.and(Filters.eq("_id", c.id()), Filters.ne(FIELD, c.eventId()), c.condition());
            writes.add(new UpdateOneModel<>(filter,
                    Updates.combine(c.update(),
                            Updates.pushEach(FIELD, List.of(c.eventId()), new PushOptions().slice(-WINDOW))),
                    new UpdateOptions().upsert(true)));
        }
        return bulk(collection, writes, true);
    }

    /**
     * {@link #insertOnce} for a batch: one unordered bulk insert; a document whose {@code _id} is
     * there already (a redelivery) is skipped.
     *
     * @return per document, true when inserted now, false when it was there already
     */
    public static boolean[] insertOnceAll(MongoCollection<Document> collection, List<Document> documents) {
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (Document d : documents) {
            writes.add(new InsertOneModel<>(d));
        }
        return bulk(collection, writes, false);
    }

    /**
     * Runs the writes, counting a duplicate-key error as "done before" (false) and going on with the
     * rest (in order, when {@code ordered}).
     */
    static boolean[] bulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes, boolean ordered) {
        boolean[] applied = new boolean[writes.size()];
        java.util.Arrays.fill(applied, true);
        int from = 0;
        while (from < writes.size()) {
            try {
                collection.bulkWrite(writes.subList(from, writes.size()), new BulkWriteOptions().ordered(ordered));
                return applied;
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                    throw e;
                }
                int lastError = -1;
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (!isDuplicateKey(error)) {
                        throw e;
                    }
                    applied[from + error.getIndex()] = false;
                    lastError = Math.max(lastError, error.getIndex());
                }
                // MongoDB stops an ordered bulk at its first error; some servers go on. What the
                // result counts tells which: every write but the failed ones done means no resume.
                var done = e.getWriteResult();
                int succeeded = done.getMatchedCount() + done.getUpserts().size() + done.getInsertedCount();
                if (!ordered || succeeded >= writes.size() - from - e.getWriteErrors().size()) {
                    return applied;
                }
                from = from + lastError + 1;
            }
        }
        return applied;
    }

    static boolean isDuplicateKey(BulkWriteError e) {
        return e.getCategory() == ErrorCategory.DUPLICATE_KEY || e.getCode() == 11000;
    }

    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY || e.getCode() == 11000;
    }

    /**
     * A duplicate key from any write: an insert or update reports it as a {@link MongoWriteException}
     * (whose own code is not always the server's: read its error), a {@code findAndModify}
     * ({@code findOneAndUpdate}) as a {@link com.mongodb.MongoCommandException}.
     */
    public static boolean isDuplicateKey(MongoServerException e) {
        return e instanceof MongoWriteException w ? isDuplicateKey(w)
                : ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    private Inbox() {
    }
}
