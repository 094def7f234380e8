package app.rapport.advocate.repository;

import app.rapport.messaging.ServiceDatabase;
import app.rapport.advocate.domain.Advocate;
import app.rapport.advocate.mapping.AdvocateDocuments;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.Outbox;
import app.rapport.messaging.OutboxEvent;
import app.rapport.web.PageRequest;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code advocates} collection. Each write is one single-document operation that carries the
 * state change and its outbox event together; updates are conditional on the version read.
 */
@ApplicationScoped
public class AdvocateRepository {
    private static final Logger LOG = Logger.getLogger(AdvocateRepository.class);
    public static final String COLLECTION = "advocates";
    static final String EXTERNAL_ID_INDEX = "uniq_externalId";
    static final String EMAIL_INDEX = "uniq_emailKey";
    private static final Pattern INDEX_NAME = Pattern.compile("index: (\\S+)");
    private static final Bson NO_OUTBOX = Projections.exclude(OutboxEvent.OUTBOX_FIELD);

    @Inject
    ServiceDatabase db;

    void onStart(@Observes StartupEvent event) {
        ensureIndexes();
    }

    public MongoCollection<Document> collection() {
        return db.collection(COLLECTION);
    }

    /** Unique indexes are the guard against duplicates (a check-then-insert alone would race). */
    public void ensureIndexes() {
        MongoCollection<Document> c = collection();
        c.createIndex(Indexes.ascending(AdvocateDocuments.EXTERNAL_ID),
                new IndexOptions().unique(true).sparse(true).name(EXTERNAL_ID_INDEX));
        c.createIndex(Indexes.ascending(AdvocateDocuments.EMAIL_KEY),
                new IndexOptions().unique(true).name(EMAIL_INDEX));
        // helpers for search on a real MongoDB; the wire server used locally ignores or rejects some
        secondary(c, Indexes.ascending(AdvocateDocuments.NAME_KEY, AdvocateDocuments.ID), "by_name");
        secondary(c, Indexes.ascending(AdvocateDocuments.ACCOUNT_ID, AdvocateDocuments.NAME_KEY), "by_account");
        secondary(c, Indexes.ascending(AdvocateDocuments.OWNER_ID, AdvocateDocuments.NAME_KEY), "by_owner");
    }

    private static void secondary(MongoCollection<Document> c, Bson keys, String name) {
        try {
            c.createIndex(keys, new IndexOptions().name(name));
        } catch (RuntimeException e) {
            LOG.debugf("secondary index %s not created: %s", name, e.toString());
        }
    }

    public Optional<Advocate> findById(String id) {
        return one(Filters.eq(AdvocateDocuments.ID, id));
    }

    public Optional<Advocate> findByExternalId(String externalId) {
        return one(Filters.eq(AdvocateDocuments.EXTERNAL_ID, externalId));
    }

    public Optional<Advocate> findByEmail(String email) {
        return one(Filters.eq(AdvocateDocuments.EMAIL_KEY, email.toLowerCase(java.util.Locale.ROOT)));
    }

    private Optional<Advocate> one(Bson filter) {
        Document d = collection().find(filter).projection(NO_OUTBOX).first();
        return Optional.ofNullable(d).map(AdvocateDocuments::fromDocument);
    }

    /** Inserts a new advocate together with its first event. */
    public void insert(Advocate advocate, OutboxEvent event) {
        try {
            collection().insertOne(Outbox.withEvents(AdvocateDocuments.toDocument(advocate), event));
        } catch (MongoWriteException e) {
            throw translate(e);
        }
    }

    /**
     * Writes {@code next} and appends {@code event} to the outbox, only if the stored version is still
     * {@code expectedVersion}.
     *
     * @return false when another writer got there first (nothing was written)
     */
    public boolean replaceIfVersion(Advocate next, long expectedVersion, OutboxEvent event) {
        try {
            return collection().updateOne(
                    Filters.and(Filters.eq(AdvocateDocuments.ID, next.id()),
                            Filters.eq(AdvocateDocuments.VERSION, expectedVersion)),
                    Updates.combine(AdvocateDocuments.replaceState(next), Outbox.push(event)))
                    .getMatchedCount() == 1;
        } catch (MongoWriteException e) {
            throw translate(e);
        }
    }

    /** The advocates with any of these externalIds: one query, served by the unique index on externalId. */
    public List<Advocate> findByExternalIds(Collection<String> externalIds) {
        return many(AdvocateDocuments.EXTERNAL_ID, externalIds);
    }

    /** The advocates with any of these (lower-cased) emails: one query, served by the unique index on emailKey. */
    public List<Advocate> findByEmailKeys(Collection<String> emailKeys) {
        return many(AdvocateDocuments.EMAIL_KEY, emailKeys);
    }

    private List<Advocate> many(String field, Collection<String> values) {
        List<Advocate> found = new ArrayList<>();
        if (values.isEmpty()) {
            return found;
        }
        for (Document d : collection().find(Filters.in(field, values)).projection(NO_OUTBOX)) {
            found.add(AdvocateDocuments.fromDocument(d));
        }
        return found;
    }

    /**
     * One advocate's write in a {@link #writeAll} batch: insert {@code state} (expectedVersion null)
     * or move it from {@code expectedVersion} to {@code state}, with its events, in one
     * single-document write.
     */
    public record Write(Advocate state, Long expectedVersion, List<OutboxEvent> events) {
    }

    /**
     * Writes a batch of advocates in one unordered bulk write; each write is still one document with
     * its own outbox entries. A version-conditional update is an upsert on {@code (_id, version)}, so
     * that a version another writer moved on makes it fail with a duplicate key on {@code _id}
     * (advocates are never deleted, so the upsert never inserts) and the failure names the write.
     *
     * @return per write, null when it was written, else why not ({@link DuplicateFieldException}
     *         with field {@code id} for a version conflict, {@code email}/{@code externalId} for a
     *         taken key)
     */
    public List<DuplicateFieldException> writeAll(List<Write> writes) {
        List<DuplicateFieldException> outcome = new ArrayList<>(java.util.Collections.nCopies(writes.size(), null));
        if (writes.isEmpty()) {
            return outcome;
        }
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        for (Write w : writes) {
            if (w.expectedVersion() == null) {
                models.add(new InsertOneModel<>(Outbox.withEvents(AdvocateDocuments.toDocument(w.state()), w.events())));
            } else {
                models.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq(AdvocateDocuments.ID, w.state().id()),
                                Filters.eq(AdvocateDocuments.VERSION, w.expectedVersion())),
                        Updates.combine(AdvocateDocuments.replaceState(w.state()), Outbox.push(w.events())),
                        new UpdateOptions().upsert(true)));
            }
        }
        try {
            collection().bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY && error.getCode() != 11000) {
                    throw e;
                }
                outcome.set(error.getIndex(), duplicate(error.getMessage()));
            }
        }
        return outcome;
    }

    public record Page(List<Advocate> items, long total) {
    }

    /** One page of the advocates matching {@code filter}, sorted by name (case-insensitive) then id. */
    public Page search(Bson filter, PageRequest page) {
        List<Advocate> items = new ArrayList<>();
        for (Document d : collection().find(filter).projection(NO_OUTBOX)
                .sort(Sorts.ascending(AdvocateDocuments.NAME_KEY, AdvocateDocuments.ID))
                .skip(page.offset()).limit(page.size())) {
            items.add(AdvocateDocuments.fromDocument(d));
        }
        return new Page(items, collection().countDocuments(filter));
    }

    /**
     * Names the field behind a duplicate-key error from the index it hit. The server's message also
     * holds the duplicate value (an email address), so it is never logged or passed on.
     */
    private static RuntimeException translate(MongoWriteException e) {
        if (!Inbox.isDuplicateKey(e)) {
            return e;
        }
        return duplicate(e.getError().getMessage());
    }

    private static DuplicateFieldException duplicate(String message) {
        Matcher m = INDEX_NAME.matcher(message == null ? "" : message);
        String index = m.find() ? m.group(1) : "";
        if (index.contains(EXTERNAL_ID_INDEX) || index.contains(AdvocateDocuments.EXTERNAL_ID)) {
            return new DuplicateFieldException("externalId");
        }
        if (index.contains(EMAIL_INDEX) || index.contains(AdvocateDocuments.EMAIL_KEY)) {
            return new DuplicateFieldException("email");
        }
        return new DuplicateFieldException("id");
    }
}
