package app.rapport.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's own MongoDB database ({@code quarkus.mongodb.database}); no service shares one. */
@ApplicationScoped
public class ServiceDatabase {
    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String name;

    public MongoDatabase database() {
        return mongo.getDatabase(name);
    }

    public MongoCollection<Document> collection(String collection) {
        return database().getCollection(collection);
    }
}
