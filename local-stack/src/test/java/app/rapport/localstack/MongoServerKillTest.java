package app.rapport.localstack;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the Mongo main during a stream of {@code w: majority, j: true} writes loses none of the writes
 * it acknowledged: they are committed before the answer goes out.
 */
class MongoServerKillTest {
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        int port = LocalProcess.freePort();
        Path data = dir.resolve("mongo");
        Path log = dir.resolve("mongo.log");
        String uri = "mongodb://127.0.0.1:" + port;
        Set<String> insertsAcked = ConcurrentHashMap.newKeySet();
        Set<String> updatesAcked = ConcurrentHashMap.newKeySet();

        try (LocalProcess mongo = LocalProcess.start("mongo", MongoServerMain.class, log,
                "--port", String.valueOf(port), "--data-dir", data.toString()).awaitReady(0, 60);
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(uri))
                     .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                     .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                     .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                     .build())) {
            MongoCollection<Document> advocates = client.getDatabase("rapport-advocates").getCollection("advocates");
            advocates.createIndex(new Document("accountId", 1));
            AtomicBoolean killed = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String id = "adv-" + writer + "-" + i;
                        try {
                            advocates.insertOne(new Document("_id", id).append("accountId", "acc-" + (i % 10)).append("v", 1));
                            insertsAcked.add(id);
                            advocates.updateOne(Filters.eq("_id", id), Updates.set("v", 2));
                            updatesAcked.add(id);
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                }, "writer-" + w);
                t.start();
                writers.add(t);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (updatesAcked.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int exit = mongo.kill();
            killed.set(true);
            assertEquals(137, exit, "killed by SIGKILL");
            for (Thread t : writers) {
                t.join(30_000);
            }
        }
        assertTrue(insertsAcked.size() > 0 && updatesAcked.size() > 0, "writes were acknowledged before the kill");

        try (LocalProcess mongo = LocalProcess.start("mongo", MongoServerMain.class, log,
                "--port", String.valueOf(port), "--data-dir", data.toString()).awaitReady(1, 60);
             MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> advocates = client.getDatabase("rapport-advocates").getCollection("advocates");
            Set<String> missing = new HashSet<>(insertsAcked);
            Set<String> notUpdated = new HashSet<>();
            for (Document d : advocates.find()) {
                String id = d.getString("_id");
                missing.remove(id);
                if (updatesAcked.contains(id) && d.getInteger("v") != 2) {
                    notUpdated.add(id);
                }
            }
            assertEquals(Set.of(), missing, "of " + insertsAcked.size() + " acknowledged inserts, these are gone");
            assertEquals(Set.of(), notUpdated, "of " + updatesAcked.size() + " acknowledged updates, these are gone");
            // and the index came back consistent with the documents
            for (int a = 0; a < 10; a++) {
                String account = "acc-" + a;
                long viaIndex = advocates.countDocuments(Filters.eq("accountId", account));
                long viaScan = 0;
                for (Document d : advocates.find()) {
                    if (account.equals(d.getString("accountId"))) {
                        viaScan++;
                    }
                }
                assertEquals(viaScan, viaIndex, "index and documents agree for " + account);
            }
            mongo.stop();
        }
    }
}
