package app.rapport.localstack;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Mongo main as its own process: durable across a SIGTERM stop and a restart, with change streams when
 * its oplog is on, and a clear refusal of them when it is off (the default: the services poll).
 */
class MongoServerMainTest {

    @TempDir
    Path dir;

    @Test
    void keepsDataAcrossAStopAndAStart() throws Exception {
        int port = LocalProcess.freePort();
        Path data = dir.resolve("mongo");
        Path log = dir.resolve("mongo.log");
        String uri = "mongodb://127.0.0.1:" + port;

        try (LocalProcess mongo = LocalProcess.start("mongo", MongoServerMain.class, log,
                "--port", String.valueOf(port), "--data-dir", data.toString()).awaitReady(0, 60)) {
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> advocates = client.getDatabase("rapport-advocates").getCollection("advocates");
                advocates.insertOne(new Document("_id", "adv-1").append("name", "Ada Lovelace").append("version", 1));
                advocates.insertOne(new Document("_id", "adv-2").append("name", "Grace Hopper").append("version", 1));
                advocates.updateOne(Filters.eq("_id", "adv-1"), Updates.inc("version", 1));
            }
            int exit = mongo.stop();
            assertTrue(exit == 0 || exit == 143, "SIGTERM ends the process cleanly, got exit " + exit);
            assertTrue(mongo.tail().contains("store closed"), "the shutdown hook closed the H2 store:\n" + mongo.tail());
        }
        assertTrue(Files.exists(data.resolve(MongoServerMain.STORE_FILE)), "the H2 store lives under the data dir");

        try (LocalProcess mongo = LocalProcess.start("mongo", MongoServerMain.class, log,
                "--port", String.valueOf(port), "--data-dir", data.toString()).awaitReady(1, 60)) {
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> advocates = client.getDatabase("rapport-advocates").getCollection("advocates");
                assertEquals(2, advocates.countDocuments());
                Document ada = advocates.find(Filters.eq("_id", "adv-1")).first();
                assertNotNull(ada, "the document written before the restart is there");
                assertEquals("Ada Lovelace", ada.getString("name"));
                assertEquals(2, ada.getInteger("version"), "the update before the restart is there too");
            }
            mongo.stop();
        }
    }

    @Test
    void offersChangeStreamsWithItsOplogOn() throws Exception {
        int port = LocalProcess.freePort();
        try (LocalProcess mongo = LocalProcess.start("mongo", MongoServerMain.class, dir.resolve("mongo.log"),
                "--port", String.valueOf(port), "--data-dir", dir.resolve("mongo").toString(), "--oplog", "on").awaitReady(0, 60);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> asks = client.getDatabase("rapport-asks").getCollection("asks");
            asks.insertOne(new Document("_id", "before"));
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = asks.watch().cursor()) {
                asks.insertOne(new Document("_id", "ask-1").append("status", "AWAITING_OWNER"));
                ChangeStreamDocument<Document> change = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (change == null && System.nanoTime() < deadline) {
                    change = cursor.tryNext();
                }
                assertNotNull(change, "an insert after watch() arrives on the change stream");
                assertEquals(OperationType.INSERT, change.getOperationType());
                assertEquals("ask-1", change.getFullDocument().getString("_id"));
            }
            mongo.stop();
        }
    }

    @Test
    void refusesChangeStreamsWithItsOplogOff() throws Exception {
        int port = LocalProcess.freePort();
        try (LocalProcess mongo = LocalProcess.start("mongo", MongoServerMain.class, dir.resolve("mongo.log"),
                "--port", String.valueOf(port), "--data-dir", dir.resolve("mongo").toString()).awaitReady(0, 60);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> asks = client.getDatabase("rapport-asks").getCollection("asks");
            com.mongodb.MongoCommandException e = org.junit.jupiter.api.Assertions.assertThrows(
                    com.mongodb.MongoCommandException.class, () -> asks.watch().cursor().tryNext());
            assertEquals(40573, e.getErrorCode(), e.getMessage());
            assertTrue(mongo.tail().contains("oplog off"), mongo.tail());
            mongo.stop();
        }
    }
}
