package app.rapport.gateway.readmodel;

import app.rapport.messaging.ServiceDatabase;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.InboundEvent;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway's own read model (database {@code rapport-gateway}), built only from the three topics:
 * <ul>
 *   <li>{@code applied_events}: one document per applied {@code ce_id}, so a redelivery or a full
 *   replay applies each event once;</li>
 *   <li>{@code ops_asks}: one document per ask: the day it reached each funnel stage, its status,
 *   owner, blocked reason codes, and once recorded its outcome ({@code outcome}: result, amount as a
 *   decimal string, currency, {@code closedOn} as {@code YYYY-MM-DD}, {@code at}) with the ask's
 *   advocate, account and activity;</li>
 *   <li>{@code ops_advocates}: one document per advocate: name, owner, status, account id and name (from the advocate
 *   snapshot, never email or phone), last human touch, last thank-you, completed asks;</li>
 *   <li>{@code ops_meta}: how many events were applied and when, which the live stream watches.</li>
 * </ul>
 * Every fold is a {@code $set}/{@code $min}/{@code $max}/{@code $addToSet}, so applying an event
 * twice gives the same document as applying it once.
 */
@ApplicationScoped
public class ReadModel {
    private static final Logger LOG = Logger.getLogger(ReadModel.class);
    public static final String APPLIED = "applied_events";
    public static final String ASKS = "ops_asks";
    public static final String ADVOCATES = "ops_advocates";
    public static final String META = "ops_meta";

    @Inject
    ServiceDatabase db;

    void onStart(@Observes StartupEvent e) {
        try {
            // the funnel counts each stage by the day it was reached
            for (String stage : app.rapport.gateway.ops.OpsSummary.STAGES) {
                asks().createIndex(Indexes.ascending("stages." + stage));
            }
            asks().createIndex(Indexes.ascending("status", "awaitingSince"));
            asks().createIndex(Indexes.ascending("advocateId"));
            // the influenced pipeline reads the outcomes of the last 365 days by the day they closed
            asks().createIndex(Indexes.ascending("outcome.closedOn"));
            advocates().createIndex(Indexes.ascending("lastHumanTouchAt"));
            applied().createIndex(Indexes.ascending("appliedAt"), new IndexOptions().background(true));
        } catch (RuntimeException ex) {
            LOG.warnf("could not create read-model indexes now (%s); queries still work", ex.getMessage());
        }
    }

    public MongoDatabase db() {
        return db.database();
    }

    public MongoCollection<Document> applied() {
        return db().getCollection(APPLIED);
    }

    public MongoCollection<Document> asks() {
        return db().getCollection(ASKS);
    }

    public MongoCollection<Document> advocates() {
        return db().getCollection(ADVOCATES);
    }

    public MongoCollection<Document> meta() {
        return db().getCollection(META);
    }

    /** The writes one event makes, per collection, in the order they must be applied. */
    public record Folded(InboundEvent event, List<WriteModel<Document>> asks, List<WriteModel<Document>> advocates) {
        public Folded(InboundEvent event) {
            this(event, new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * Applies a batch of folded events, each {@code ce_id} once: one read of the batch's ids in
     * {@code applied_events} (by {@code _id}), one ordered bulk write per collection for the events
     * not applied before (in batch order, so the events of one ask or advocate keep theirs), then the
     * ids recorded in one bulk insert and the counter moved once. A crash between the writes and the
     * record redelivers the batch, and the folds are idempotent anyway.
     */
    public void applyAll(List<Folded> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(f -> ids.add(f.event().id()));
        Set<String> seen = new HashSet<>();
        for (Document d : applied().find(Filters.in("_id", ids)).projection(Projections.include("_id"))) {
            seen.add(d.getString("_id"));
        }
        List<WriteModel<Document>> asks = new ArrayList<>();
        List<WriteModel<Document>> advocates = new ArrayList<>();
        List<Document> records = new ArrayList<>();
        Date now = new Date();
        for (Folded f : batch) {
            InboundEvent event = f.event();
            if (!seen.add(event.id())) {
                continue; // applied before, or a copy earlier in this batch
            }
            asks.addAll(f.asks());
            advocates.addAll(f.advocates());
            records.add(new Document("_id", event.id())
                    .append("type", event.type())
                    .append("topic", event.topic())
                    .append("partition", event.partition())
                    .append("offset", event.offset())
                    .append("appliedAt", now));
        }
        if (records.isEmpty()) {
            return;
        }
        if (!asks.isEmpty()) {
            asks().bulkWrite(asks, new BulkWriteOptions().ordered(true));
        }
        if (!advocates.isEmpty()) {
            advocates().bulkWrite(advocates, new BulkWriteOptions().ordered(true));
        }
        long first = 0;
        for (boolean inserted : Inbox.insertOnceAll(applied(), records)) {
            first += inserted ? 1 : 0;
        }
        if (first > 0) {
            meta().updateOne(Filters.eq("_id", "readmodel"),
                    Updates.combine(Updates.inc("applied", first), Updates.set("lastAppliedAt", new Date()),
                            Updates.set("lastEventType", records.get(records.size() - 1).getString("type"))),
                    new UpdateOptions().upsert(true));
        }
    }

    /** An upsert of document {@code id}, for a fold. */
    public static UpdateOneModel<Document> upsert(Object id, Bson update) {
        return new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
    }

    /** The number of events applied so far (changes whenever the read model does). */
    public long appliedCount() {
        Document d = meta().find(Filters.eq("_id", "readmodel")).first();
        return d == null || d.get("applied") == null ? 0 : ((Number) d.get("applied")).longValue();
    }

    public static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }
}
