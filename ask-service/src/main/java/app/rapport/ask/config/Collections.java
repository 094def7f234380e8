package app.rapport.ask.config;

import app.rapport.messaging.ServiceDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;

/**
 * The collections of the rapport-asks database and every index ask-service's queries use. Each query
 * on a request path, in a handler or in the expiry job has its equality keys first, then its sort or
 * range key, as a prefix of one of these (docs/eligibility.md, "Queries and indexes"). The unique
 * sparse indexes on {@code workloadSlot} and {@code duplicateSlot} are what make the caps hold under
 * concurrency. The usage ledgers are read and written by {@code _id} only.
 */
@ApplicationScoped
public class Collections {
    public static final String ASKS = "asks";
    public static final String ADVOCATE_VIEWS = "advocate_views";
    public static final String POLICY = "policy";
    public static final String ADVOCATE_USAGE = "advocate_usage";
    public static final String ACCOUNT_USAGE = "account_usage";
    /** The owner ledgers: the asks routed to each owner (OWNER_CAPACITY), by {@code _id} = ownerId. */
    public static final String OWNER_USAGE = "owner_usage";
    public static final String MAINTENANCE = "maintenance";

    @Inject
    ServiceDatabase db;

    void onStart(@Observes @Priority(5) StartupEvent event) {
        MongoCollection<Document> asks = asks();
        asks.createIndex(Indexes.ascending("workloadSlot"), new IndexOptions().unique(true).sparse(true)
                .name("workloadSlot_unique"));
        asks.createIndex(Indexes.ascending("duplicateSlot"), new IndexOptions().unique(true).sparse(true)
                .name("duplicateSlot_unique"));
        // GET /api/asks: at most one of advocateId / requesterId / ownerId, optionally status, newest first
        asks.createIndex(Indexes.descending("createdAt"));
        asks.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("createdAt")));
        for (String who : new String[] {"advocateId", "requesterId", "ownerId"}) {
            asks.createIndex(Indexes.compoundIndex(Indexes.ascending(who), Indexes.descending("createdAt")));
            asks.createIndex(Indexes.compoundIndex(Indexes.ascending(who, "status"), Indexes.descending("createdAt")));
        }
        // the inbox: ownerId + status, oldest awaiting first
        asks.createIndex(Indexes.ascending("ownerId", "status", "awaitingSince"));
        // the expiry job: two ranges
        asks.createIndex(Indexes.ascending("status", "dueBy"));
        asks.createIndex(Indexes.ascending("status", "awaitingSince"));
        // the ledger rebuild (a named scan, but a ranged one)
        asks.createIndex(Indexes.ascending("sentDate"));
        MongoCollection<Document> views = views();
        views.createIndex(Indexes.ascending("activities", "status"));
        views.createIndex(Indexes.ascending("lastManualUseDate"));
        views.createIndex(Indexes.descending("asOf")); // the health check's newest event
    }

    public ServiceDatabase db() {
        return db;
    }

    public MongoCollection<Document> asks() {
        return db.collection(ASKS);
    }

    public MongoCollection<Document> views() {
        return db.collection(ADVOCATE_VIEWS);
    }

    public MongoCollection<Document> policy() {
        return db.collection(POLICY);
    }

    public MongoCollection<Document> maintenance() {
        return db.collection(MAINTENANCE);
    }
}
