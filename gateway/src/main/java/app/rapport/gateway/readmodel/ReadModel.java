package app.rapport.gateway.readmodel;

import app.rapport.messaging.ServiceDatabase;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.InboundEvent;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;

/**
 * The gateway's own read model (database {@code rapport-gateway}), built only from the three topics:
 * <ul>
 *   <li>{@code applied_events}: one document per applied {@code ce_id}, so a redelivery or a full
 *   replay applies each event once;</li>
 *   <li>{@code ops_asks}: one document per ask: the day it reached each funnel stage, its status,
 *   owner, blocked reason codes;</li>
 *   <li>{@code ops_advocates}: one document per advocate: name, owner, status (from the advocate
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
            asks().createIndex(Indexes.ascending("stages.requested"));
            asks().createIndex(Indexes.ascending("status", "awaitingSince"));
            asks().createIndex(Indexes.ascending("advocateId"));
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

    /**
     * Applies {@code fold} unless this {@code ce_id} was applied before, then records it. A crash
     * between the fold and the record redelivers the event, and the fold is idempotent anyway.
     */
    public void applyOnce(InboundEvent event, Consumer<InboundEvent> fold) {
        if (applied().find(Filters.eq("_id", event.id())).first() != null) {
            return;
        }
        fold.accept(event);
        boolean first = Inbox.insertOnce(applied(), new Document("_id", event.id())
                .append("type", event.type())
                .append("topic", event.topic())
                .append("partition", event.partition())
                .append("offset", event.offset())
                .append("appliedAt", new Date()));
        if (first) {
            meta().updateOne(Filters.eq("_id", "readmodel"),
                    Updates.combine(Updates.inc("applied", 1L), Updates.set("lastAppliedAt", new Date()),
                            Updates.set("lastEventType", event.type())),
                    new UpdateOptions().upsert(true));
        }
    }

    /** The number of events applied so far (changes whenever the read model does). */
    public long appliedCount() {
        Document d = meta().find(Filters.eq("_id", "readmodel")).first();
        return d == null || d.get("applied") == null ? 0 : ((Number) d.get("applied")).longValue();
    }

    public void upsert(MongoCollection<Document> c, Object id, Bson update) {
        c.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
    }

    public static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }
}
