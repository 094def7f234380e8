package app.rapport.embeddedmongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OplogAndDurabilityTest {

    @Test
    void theOplogIsCappedAndChangeStreamsStillWork() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory().oplog(true).oplogMaxEntries(100).start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("c");
            for (int i = 0; i < 500; i++) {
                c.insertOne(new Document("_id", i));
            }
            long entries = client.getDatabase("local").getCollection("oplog.rs").countDocuments();
            assertTrue(entries >= 100 && entries <= 110, "capped near 100 entries: " + entries);
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = c.watch().cursor()) {
                c.insertOne(new Document("_id", "after"));
                ChangeStreamDocument<Document> change = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (change == null && System.nanoTime() < deadline) {
                    change = cursor.tryNext();
                }
                assertNotNull(change);
                assertEquals("after", change.getDocumentKey().getString("_id").getValue());
            }
        }
    }

    @Test
    void journaledWritesWaitForACommitThatConcurrentWritesShare(@TempDir Path dir) throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.file(dir.resolve("s.mv.db")).start();
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(server.connectionString()))
                     .writeConcern(WriteConcern.MAJORITY.withJournal(true)).build())) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("c");
            c.insertOne(new Document("_id", "warm-up"));
            long before = server.commits();
            int threads = 8;
            int each = 25;
            Thread[] writers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int n = t;
                writers[t] = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        c.insertOne(new Document("_id", n + "-" + i));
                    }
                });
                writers[t].start();
            }
            for (Thread w : writers) {
                w.join();
            }
            long commits = server.commits() - before;
            assertEquals(threads * each + 1, c.countDocuments());
            assertTrue(commits >= 1 && commits <= threads * each,
                    "at most one commit per journaled write, shared when they overlap: " + commits);

            // w:1 without j is acknowledged at once and committed within the journal interval
            MongoCollection<Document> unjournaled = c.withWriteConcern(WriteConcern.W1);
            long start = server.commits();
            unjournaled.insertOne(new Document("_id", "w1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.commits() == start && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(server.commits() > start, "a commit followed the unjournaled write");
        }
    }
}
