package app.rapport.embeddedmongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unique indexes keep their keys in a comparable form ({@link KeyValueType}). A store written by
 * mongo-java-server's own H2 backend (H2's default key type) opens with everything in it: found by
 * {@code _id} and by unique key, and still refusing duplicates, after a restart too.
 */
class UniqueIndexFormatTest {

    @Test
    void aStoreWrittenWithTheDefaultKeyTypeIsConvertedAndKeepsItsConstraints(@TempDir Path dir) {
        Path file = dir.resolve("old.mv.db");
        MVStore old = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer plain = new MongoServer(new H2Backend(old));
        String uri = "mongodb://" + plain.bind().getHostString() + ":" + plain.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("people");
            c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                c.insertOne(new Document("_id", "p-" + i).append("email", "p" + i + "@example.com").append("n", i));
            }
        } finally {
            plain.shutdown();
            old.close();
        }

        for (int restart = 0; restart < 2; restart++) {
            try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> c = client.getDatabase("d").getCollection("people");
                assertEquals(300 + restart, c.countDocuments());
                assertEquals(123, c.find(Filters.eq("_id", "p-123")).first().getInteger("n"));
                assertEquals(77, c.find(Filters.eq("email", "p77@example.com")).first().getInteger("n"));
                MongoWriteException sameId = assertThrows(MongoWriteException.class,
                        () -> c.insertOne(new Document("_id", "p-5").append("email", "other@example.com")));
                assertEquals(11000, sameId.getCode());
                MongoWriteException sameEmail = assertThrows(MongoWriteException.class,
                        () -> c.insertOne(new Document("_id", "new-" + System.nanoTime()).append("email", "p9@example.com")));
                assertEquals(11000, sameEmail.getCode());
                if (restart == 0) {
                    c.insertOne(new Document("_id", "after").append("email", "after@example.com").append("n", -1));
                }
                assertNotNull(c.find(Filters.eq("email", "after@example.com")).first());
            }
        }
    }

    @Test
    void keysOfMixedTypesAndMissingValuesKeepMongoDbsUniqueness() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory().start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("mixed");
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            c.insertOne(new Document("_id", 1).append("k", 1));
            assertEquals(11000, assertThrows(MongoWriteException.class,
                    () -> c.insertOne(new Document("_id", 2).append("k", 1.0))).getCode(), "1 and 1.0 are one key");
            c.insertOne(new Document("_id", 3).append("k", "1"));
            c.insertOne(new Document("_id", 4).append("k", new Document("a", 1)));
            c.insertOne(new Document("_id", 5));
            assertEquals(11000, assertThrows(MongoWriteException.class,
                    () -> c.insertOne(new Document("_id", 6))).getCode(), "a second document without the key");
            assertEquals(4, c.find(Filters.eq("k", new Document("a", 1))).first().getInteger("_id"));
            assertEquals(3, c.find(Filters.eq("k", "1")).first().getInteger("_id"));
            assertEquals(1, c.find(Filters.eq("_id", 1L)).first().getInteger("k"), "an int _id found by a long");
        }
    }
}
