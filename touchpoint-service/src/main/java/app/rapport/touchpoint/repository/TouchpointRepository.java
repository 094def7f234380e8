package app.rapport.touchpoint.repository;

import app.rapport.messaging.ServiceDatabase;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.OutboxEvent;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.touchpoint.mapping.TimelineCursor;
import app.rapport.touchpoint.mapping.TouchpointDocuments;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static app.rapport.touchpoint.mapping.TouchpointDocuments.ADVOCATE_ID;
import static app.rapport.touchpoint.mapping.TouchpointDocuments.OCCURRED_AT;

/** The {@code touchpoints} collection: one immutable document per touchpoint, with its outbox. */
@ApplicationScoped
public class TouchpointRepository {
    public static final String COLLECTION = "touchpoints";

    /** Serves the timeline (filter on advocateId, sort newest first) and the health reads. */
    public static final Bson TIMELINE_INDEX = Indexes.compoundIndex(Indexes.ascending(ADVOCATE_ID),
            Indexes.descending(OCCURRED_AT), Indexes.descending("_id"));

    private static final Bson TIMELINE_ORDER = Sorts.orderBy(Sorts.descending(OCCURRED_AT), Sorts.descending("_id"));
    private static final Bson WITHOUT_OUTBOX = Projections.exclude(OutboxEvent.OUTBOX_FIELD);

    @Inject
    ServiceDatabase db;

    public MongoCollection<Document> collection() {
        return db.collection(COLLECTION);
    }

    public void ensureIndexes() {
        collection().createIndex(TIMELINE_INDEX, new IndexOptions().name("advocate_timeline"));
    }

    /** Inserts a touchpoint with its events in one write. */
    public void insert(Touchpoint touchpoint, OutboxEvent event) {
        collection().insertOne(withOutbox(touchpoint, event));
    }

    /** Inserts, with its events (maybe none), unless a touchpoint with the same id exists; false when it did. */
    public boolean insertOnce(Touchpoint touchpoint, List<OutboxEvent> events) {
        return Inbox.insertOnce(collection(), withOutbox(touchpoint, events));
    }

    /**
     * Inserts touchpoints, each with its events (maybe none), in one unordered bulk insert; one whose
     * id is there already (a redelivery) is skipped.
     *
     * @return how many were inserted now
     */
    public int insertOnceAll(List<Touchpoint> batch,
            java.util.function.Function<Touchpoint, List<OutboxEvent>> events) {
        List<Document> docs = new ArrayList<>(batch.size());
        for (Touchpoint t : batch) {
            docs.add(withOutbox(t, events.apply(t)));
        }
        int n = 0;
        for (boolean inserted : Inbox.insertOnceAll(collection(), docs)) {
            n += inserted ? 1 : 0;
        }
        return n;
    }

    private static Document withOutbox(Touchpoint touchpoint, OutboxEvent event) {
        return withOutbox(touchpoint, List.of(event));
    }

    private static Document withOutbox(Touchpoint touchpoint, List<OutboxEvent> events) {
        return app.rapport.messaging.Outbox.withEvents(TouchpointDocuments.toDocument(touchpoint), events);
    }

    public Optional<Touchpoint> findById(String id) {
        Document d = collection().find(Filters.eq("_id", id)).projection(WITHOUT_OUTBOX).first();
        return Optional.ofNullable(d).map(TouchpointDocuments::fromDocument);
    }

    public boolean anyFor(String advocateId) {
        return collection().find(Filters.eq(ADVOCATE_ID, advocateId)).projection(Projections.include("_id"))
                .limit(1).first() != null;
    }

    /** Up to {@code limit} touchpoints of the advocate, newest first, strictly after the cursor. */
    public List<Touchpoint> timeline(String advocateId, TimelineCursor before, int limit) {
        Bson filter = Filters.eq(ADVOCATE_ID, advocateId);
        if (before != null) {
            Date at = Date.from(before.occurredAt());
            // keyset: (occurredAt, _id) < (at, id). The plain range on occurredAt bounds the index
            // scan; the $or only sorts out the few entries at exactly that instant.
            Bson older = before.id() == null
                    ? Filters.lt(OCCURRED_AT, at)
                    : Filters.and(Filters.lte(OCCURRED_AT, at),
                            Filters.or(Filters.lt(OCCURRED_AT, at), Filters.lt("_id", before.id())));
            filter = Filters.and(filter, older);
        }
        List<Touchpoint> page = new ArrayList<>(limit);
        for (Document d : collection().find(filter).projection(WITHOUT_OUTBOX).sort(TIMELINE_ORDER).limit(limit)) {
            page.add(TouchpointDocuments.fromDocument(d));
        }
        return page;
    }

    /**
     * What the health rules look at for one advocate: every touchpoint but notes (so OUTCOME too),
     * without text. Served by the timeline index (equality on advocateId; the type is a residual condition).
     */
    public List<Touchpoint> forHealth(String advocateId) {
        return forHealth(List.of(advocateId)).getOrDefault(advocateId, List.of());
    }

    public Map<String, List<Touchpoint>> forHealth(Collection<String> advocateIds) {
        Map<String, List<Touchpoint>> byAdvocate = new HashMap<>();
        if (advocateIds.isEmpty()) {
            return byAdvocate;
        }
        Bson filter = Filters.and(
                advocateIds.size() == 1 ? Filters.eq(ADVOCATE_ID, advocateIds.iterator().next())
                        : Filters.in(ADVOCATE_ID, advocateIds),
                Filters.ne(TouchpointDocuments.TYPE, TouchpointType.NOTE.name()));
        Bson fields = Projections.include(ADVOCATE_ID, TouchpointDocuments.TYPE, OCCURRED_AT,
                TouchpointDocuments.ASK_ID, TouchpointDocuments.ACTIVITY, TouchpointDocuments.OUTCOME);
        for (Document d : collection().find(filter).projection(fields)) {
            Touchpoint t = Touchpoint.of(d.getString("_id"), TouchpointType.valueOf(d.getString(TouchpointDocuments.TYPE)),
                    d.getDate(OCCURRED_AT).toInstant(), d.getString(TouchpointDocuments.ASK_ID),
                    d.getString(TouchpointDocuments.ACTIVITY), d.getString(TouchpointDocuments.OUTCOME));
            byAdvocate.computeIfAbsent(d.getString(ADVOCATE_ID), k -> new ArrayList<>()).add(t);
        }
        return byAdvocate;
    }
}
