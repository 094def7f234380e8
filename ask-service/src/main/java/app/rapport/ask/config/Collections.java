package app.rapport.ask.config;

import app.rapport.messaging.ServiceDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;

/**
 * The collections of the rapport-asks database and their indexes. The unique sparse indexes on
 * {@code workloadSlot} and {@code duplicateSlot} are what make the caps hold under concurrency.
 */
@ApplicationScoped
public class Collections {
    public static final String ASKS = "asks";
    public static final String ADVOCATE_VIEWS = "advocate_views";
    public static final String POLICY = "policy";

    @Inject
    ServiceDatabase db;

    void onStart(@Observes StartupEvent event) {
        MongoCollection<Document> asks = asks();
        asks.createIndex(Indexes.ascending("workloadSlot"), new IndexOptions().unique(true).sparse(true)
                .name("workloadSlot_unique"));
        asks.createIndex(Indexes.ascending("duplicateSlot"), new IndexOptions().unique(true).sparse(true)
                .name("duplicateSlot_unique"));
        asks.createIndex(Indexes.ascending("advocateId", "status"));
        asks.createIndex(Indexes.ascending("advocateId", "sentDate"));
        asks.createIndex(Indexes.ascending("accountId", "sentDate"));
        asks.createIndex(Indexes.ascending("ownerId", "status", "createdAt"));
        asks.createIndex(Indexes.ascending("status", "createdAt"));
        asks.createIndex(Indexes.ascending("sentDate"));
        MongoCollection<Document> views = views();
        views.createIndex(Indexes.ascending("activities", "status"));
        views.createIndex(Indexes.ascending("accountId"));
        views.createIndex(Indexes.ascending("lastManualUseDate"));
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
}
