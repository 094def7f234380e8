package app.rapport.touchpoint.repository;

import app.rapport.messaging.ServiceDatabase;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.messaging.Inbox;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code advocates} collection: owner, status and name per advocate, kept from advocate-events.
 * Each document also holds its {@code inbox} of applied event ids.
 */
@ApplicationScoped
public class AdvocateProjectionRepository {
    public static final String COLLECTION = "advocates";

    @Inject
    ServiceDatabase db;

    public MongoCollection<Document> collection() {
        return db.collection(COLLECTION);
    }

    public void ensureIndexes() {
        // serves activeOwnedBy: equality on ownerId, then the sort on _id (status is a residual condition)
        collection().createIndex(Indexes.ascending("ownerId", "_id"), new IndexOptions().name("by_owner_id"));
    }

    public Optional<KnownAdvocate> find(String advocateId) {
        Document d = collection().find(Filters.eq("_id", advocateId)).projection(Projections.exclude(Inbox.FIELD))
                .first();
        return Optional.ofNullable(d).map(AdvocateProjectionRepository::fromDocument);
    }

    /** The owner's advocates that are not RETIRED. */
    public List<KnownAdvocate> activeOwnedBy(String ownerId) {
        List<KnownAdvocate> result = new ArrayList<>();
        for (Document d : collection().find(Filters.and(Filters.eq("ownerId", ownerId),
                Filters.ne("status", AdvocateStatus.RETIRED.name()))).projection(Projections.exclude(Inbox.FIELD))
                .sort(Sorts.ascending("_id"))) {
            result.add(fromDocument(d));
        }
        return result;
    }

    public enum Outcome { APPLIED, DUPLICATE, STALE }

    /**
     * Upserts the advocate from the snapshot, once per event id. A snapshot older than the stored
     * one (lower version) is ignored. Events of one advocate arrive in order on one partition and
     * are applied by one consumer at a time, so the version read and the write do not race.
     */
    public Outcome apply(AdvocateSnapshot snapshot, String eventId, Instant at) {
        Document stored = collection().find(Filters.eq("_id", snapshot.advocateId()))
                .projection(Projections.include("version")).first();
        if (stored != null && stored.get("version") instanceof Number v && v.longValue() > snapshot.version()) {
            return Outcome.STALE;
        }
        boolean applied = Inbox.applyOnceAll(collection(), List.of(change(snapshot, eventId, at)))[0];
        return applied ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    /**
     * The upsert of one snapshot, once per event id, and only over a stored snapshot that is not
     * newer (higher version): an older one, redelivered or replayed, changes nothing.
     */
    public static Inbox.Change change(AdvocateSnapshot snapshot, String eventId, Instant at) {
        return new Inbox.Change(snapshot.advocateId(), eventId, Updates.combine(
                Updates.set("name", snapshot.name()),
                Updates.set("ownerId", snapshot.ownerId()),
                Updates.set("status", snapshot.status() == null ? null : snapshot.status().name()),
                Updates.set("version", snapshot.version()),
                Updates.set("updatedAt", Date.from(at))),
                Filters.or(Filters.exists("version", false), Filters.lte("version", snapshot.version())));
    }

    /**
     * Applies a batch of snapshot changes ({@link #change}) in one ordered bulk write: no read, each
     * filter an {@code _id} equality, order per advocate kept.
     *
     * @return how many were applied (the rest were duplicates or stale)
     */
    public int applyAll(List<Inbox.Change> changes) {
        int n = 0;
        for (boolean applied : Inbox.applyOnceAll(collection(), changes)) {
            n += applied ? 1 : 0;
        }
        return n;
    }

    private static KnownAdvocate fromDocument(Document d) {
        Object v = d.get("version");
        return new KnownAdvocate(d.getString("_id"), d.getString("name"), d.getString("ownerId"), d.getString("status"),
                v instanceof Number n ? n.longValue() : 0L);
    }
}
