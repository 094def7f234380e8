package app.rapport.embeddedmongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: figures for docs/benchmarks.md ("Embedded store"). Run with the test classpath:
 * {@code java -cp ... app.rapport.embeddedmongo.EmbeddedStoreBenchmark}.
 * Lookups at 10,000 and 100,000 documents (latency, documents examined), then journaled
 * ({@code w: majority, j: true}) insert throughput from 1 and 16 threads on a file store, fsync on and off.
 */
public final class EmbeddedStoreBenchmark {
    public static void main(String[] args) throws Exception {
        boolean all = args.length == 0;
        if (all || List.of(args).contains("lookups")) {
            for (int size : new int[]{10_000, 100_000}) {
                lookups(size);
            }
        }
        if (!all && !List.of(args).contains("writes")) {
            return;
        }
        for (boolean fsync : new boolean[]{true, false}) {
            for (int threads : new int[]{1, 16}) {
                writes(threads, fsync, 5);
            }
        }
    }

    private static void lookups(int size) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory().start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> asks = client.getDatabase("bench").getCollection("asks");
            asks.createIndex(Indexes.compoundIndex(Indexes.ascending("advocateId"), Indexes.descending("createdAt")));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(new Document("_id", "ask-" + i).append("advocateId", "adv-" + (i % 1000))
                        .append("createdAt", new Date(1_700_000_000_000L + i * 1000L))
                        .append("inbox", List.of("e-" + i)).append("payload", "x".repeat(200)));
                if (batch.size() == 1000) {
                    asks.insertMany(batch);
                    batch = new ArrayList<>();
                }
            }
            Random random = new Random(1);
            measure(client, size, "{_id: X, inbox: {$ne: e}}", () -> asks.find(Filters.and(
                    Filters.eq("_id", "ask-" + random.nextInt(size)), Filters.ne("inbox", "e-new"))).first());
            measure(client, size, "{advocateId: A} sort createdAt -1 limit 10", () -> asks.find(
                    Filters.eq("advocateId", "adv-" + random.nextInt(1000))).sort(Sorts.descending("createdAt")).limit(10)
                    .into(new ArrayList<>()));
            measure(client, size, "{payload: P} (no index: scan)", () -> asks.find(Filters.eq("payload", "nope")).first(), 50);
        }
    }

    private static void measure(MongoClient client, int size, String what, Runnable query) {
        measure(client, size, what, query, 2000);
    }

    private static void measure(MongoClient client, int size, String what, Runnable query, int runs) {
        for (int i = 0; i < Math.min(200, runs); i++) {
            query.run();
        }
        client.getDatabase("admin").runCommand(new Document("rapportQueryStats", 1).append("reset", true));
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - start;
        }
        Document totals = client.getDatabase("admin").runCommand(new Document("rapportQueryStats", 1))
                .get("totals", Document.class);
        Arrays.sort(nanos);
        System.out.printf("lookup docs=%d %-45s examined/op=%.1f p50=%.2fms p99=%.2fms%n", size, what,
                totals.getLong("docsExamined") / (double) totals.getLong("operations"),
                nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.99)] / 1e6);
    }

    private static void writes(int threads, boolean fsync, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("store-bench");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.file(dir.resolve("b.mv.db")).fsync(fsync).start();
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(server.connectionString()))
                     .applyToConnectionPoolSettings(b -> b.maxSize(threads + 4))
                     .writeConcern(WriteConcern.MAJORITY.withJournal(true)).build())) {
            MongoCollection<Document> c = client.getDatabase("bench").getCollection("advocates");
            c.createIndex(Indexes.ascending("accountId"));
            for (int i = 0; i < 200; i++) {
                c.insertOne(new Document("_id", "warm-" + i).append("accountId", "a"));
            }
            AtomicLong done = new AtomicLong();
            long commitsBefore = server.commits();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                Thread w = new Thread(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        c.insertOne(new Document("_id", n + "-" + i).append("accountId", "acc-" + (i % 100))
                                .append("name", "Advocate " + i));
                        done.incrementAndGet();
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            long commits = server.commits() - commitsBefore;
            System.out.printf("writes j:true threads=%d fsync=%s: %.0f inserts/s, %.1f inserts per commit%n",
                    threads, fsync, done.get() / (double) seconds, done.get() / (double) Math.max(1, commits));
        }
    }
}
