package app.rapport.embeddedmongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries through the real driver answered from indexes, and what they cost. */
class IndexedQueriesTest {
    static EmbeddedMongoServer server;
    static MongoClient client;
    MongoDatabase db;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.inMemory().start();
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        db = client.getDatabase("t" + System.nanoTime());
    }

    static Document stats(boolean reset) {
        Document command = new Document("rapportQueryStats", 1);
        if (reset) {
            command.append("reset", true);
        }
        return client.getDatabase("admin").runCommand(command);
    }

    static Document totals() {
        return stats(false).get("totals", Document.class);
    }

    /** Runs a query with zeroed statistics and returns {examined, scans}. */
    static long[] cost(Runnable query) {
        stats(true);
        query.run();
        Document t = totals();
        return new long[]{t.getLong("docsExamined"), t.getLong("collectionScans")};
    }

    @Test
    void aPrefixQueryExaminesOnlyItsCandidatesInTenThousandDocuments() {
        MongoCollection<Document> asks = db.getCollection("asks");
        asks.createIndex(Indexes.compoundIndex(Indexes.ascending("advocateId"), Indexes.descending("createdAt")));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            docs.add(new Document("_id", "ask-" + i).append("advocateId", "adv-" + (i % 100))
                    .append("createdAt", new Date(1_700_000_000_000L + i * 1000L)).append("n", i));
        }
        asks.insertMany(docs);

        List<Document> found = new ArrayList<>();
        long[] cost = cost(() -> asks.find(Filters.eq("advocateId", "adv-7")).into(found));
        assertEquals(100, found.size());
        assertEquals(100, cost[0], "examines the 100 candidates of the prefix, not 10,000");
        assertEquals(0, cost[1]);

        List<Document> latest = new ArrayList<>();
        cost = cost(() -> asks.find(Filters.eq("advocateId", "adv-7")).sort(Sorts.descending("createdAt")).limit(3).into(latest));
        assertEquals(List.of("ask-9907", "ask-9807", "ask-9707"), latest.stream().map(d -> d.getString("_id")).toList());
        assertEquals(3, cost[0], "the index gives the order: stops after the limit");

        List<Document> oldest = new ArrayList<>();
        cost = cost(() -> asks.find(Filters.eq("advocateId", "adv-7")).sort(Sorts.ascending("createdAt")).limit(2).into(oldest));
        assertEquals(List.of("ask-7", "ask-107"), oldest.stream().map(d -> d.getString("_id")).toList());
        assertEquals(2, cost[0], "the reversed index order too");

        List<Document> ranged = new ArrayList<>();
        cost = cost(() -> asks.find(Filters.and(Filters.eq("advocateId", "adv-7"),
                Filters.gte("createdAt", new Date(1_700_000_000_000L + 9_000_000L)))).into(ranged));
        assertEquals(10, ranged.size());
        assertEquals(10, cost[0], "prefix + range examines only what is in the range");

        cost = cost(() -> asks.find(Filters.and(Filters.eq("_id", "ask-5"), Filters.ne("inbox", "e-1"))).first());
        assertEquals(1, cost[0], "_id plus another condition is one lookup");
        cost = cost(() -> asks.find(Filters.in("_id", "ask-5", "ask-6", "nope")).into(new ArrayList<>()));
        assertEquals(2, cost[0]);

        long[] scan = cost(() -> asks.find(Filters.eq("n", 5)).first());
        assertEquals(1, scan[1], "an unindexed field is a collection scan, and counted as one");
        Document s = stats(false);
        List<Document> scans = s.getList("scans", Document.class);
        assertEquals(db.getName() + ".asks", scans.get(scans.size() - 1).getString("ns"));
        assertEquals(new Document("n", 5), scans.get(scans.size() - 1).get("filter", Document.class));
        assertTrue(s.get("byNamespace", Document.class).containsKey(db.getName() + ".asks"));
    }

    @Test
    void multikeyIndexesFindEveryElement() {
        MongoCollection<Document> c = db.getCollection("m");
        c.createIndex(Indexes.ascending("tags"));
        c.createIndex(Indexes.ascending("outbox.id"), new IndexOptions().sparse(true));
        c.insertOne(new Document("_id", 1).append("tags", List.of("a", "b")).append("outbox", List.of(new Document("id", "e1"), new Document("id", "e2"))));
        c.insertOne(new Document("_id", 2).append("tags", List.of("b", "c")).append("outbox", List.of()));
        c.insertOne(new Document("_id", 3).append("tags", "c"));
        c.insertOne(new Document("_id", 4).append("tags", List.of()));

        assertEquals(List.of(1, 2), ids(c, Filters.eq("tags", "b")));
        assertEquals(List.of(2, 3), ids(c, Filters.eq("tags", "c")));
        assertEquals(List.of(1), ids(c, Filters.eq("outbox.id", "e2")));
        long[] cost = cost(() -> assertEquals(List.of(1), ids(c, Filters.exists("outbox.id"))));
        assertEquals(0, cost[1], "exists on the sparse index is not a scan");
        assertEquals(1, cost[0]);

        c.updateOne(Filters.eq("_id", 1), Updates.pull("outbox", new Document("id", "e1")));
        assertEquals(List.of(), ids(c, Filters.eq("outbox.id", "e1")));
        assertEquals(List.of(1), ids(c, Filters.eq("outbox.id", "e2")));
        c.updateOne(Filters.eq("_id", 1), Updates.set("outbox", List.of()));
        assertEquals(List.of(), ids(c, Filters.exists("outbox.id")));
        c.updateOne(Filters.eq("_id", 3), Updates.set("tags", List.of("z", "b")));
        assertEquals(List.of(1, 2, 3), ids(c, Filters.eq("tags", "b")));
        assertEquals(List.of(2), ids(c, Filters.eq("tags", "c")));
        c.deleteOne(Filters.eq("tags", "a"));
        assertEquals(List.of(2, 3), ids(c, Filters.eq("tags", "b")));
        // a range over an array: different elements may satisfy each bound
        c.insertOne(new Document("_id", 10).append("tags", List.of(1, 10)));
        assertEquals(List.of(10), ids(c, Filters.and(Filters.gt("tags", 5), Filters.lt("tags", 8))));
    }

    @Test
    void sparseRangeOnATopLevelField() {
        MongoCollection<Document> c = db.getCollection("outboxes");
        c.createIndex(Indexes.ascending("outboxSince"), new IndexOptions().sparse(true));
        for (int i = 0; i < 1000; i++) {
            Document d = new Document("_id", i);
            if (i % 100 == 0) {
                d.append("outboxSince", new Date(1_000_000L + i));
            }
            c.insertOne(d);
        }
        long[] cost = cost(() -> assertEquals(List.of(0, 100, 200, 300, 400, 500, 600, 700, 800, 900),
                ids(c, Filters.lte("outboxSince", new Date(2_000_000L)))));
        assertEquals(10, cost[0]);
        cost = cost(() -> assertEquals(10, c.countDocuments(Filters.exists("outboxSince"))));
        assertEquals(10, cost[0]);
        c.updateMany(Filters.exists("outboxSince"), Updates.unset("outboxSince"));
        assertEquals(0, c.countDocuments(Filters.exists("outboxSince")));
    }

    @Test
    void upsertsAndFindAndModifyKeepTheIndexRight() {
        MongoCollection<Document> c = db.getCollection("u");
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("account"), Indexes.ascending("state")));
        c.updateOne(Filters.and(Filters.eq("account", "x"), Filters.eq("state", "OPEN")), Updates.set("n", 1),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
        assertEquals(1, c.countDocuments(Filters.and(Filters.eq("account", "x"), Filters.eq("state", "OPEN"))));
        c.findOneAndUpdate(Filters.eq("account", "x"), Updates.set("state", "CLOSED"));
        assertEquals(0, c.countDocuments(Filters.and(Filters.eq("account", "x"), Filters.eq("state", "OPEN"))));
        long[] cost = cost(() -> assertEquals(1, c.countDocuments(Filters.and(Filters.eq("account", "x"), Filters.eq("state", "CLOSED")))));
        assertEquals(1, cost[0]);
        c.findOneAndDelete(Filters.eq("account", "x"));
        assertEquals(0, c.countDocuments(Filters.eq("account", "x")));
    }

    @Test
    void uniqueIndexesStillRejectDuplicates() {
        MongoCollection<Document> c = db.getCollection("uq");
        c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        c.createIndex(Indexes.ascending("team"));
        c.insertOne(new Document("_id", 1).append("email", "a@x").append("team", "t"));
        MongoWriteException e = assertThrows(MongoWriteException.class,
                () -> c.insertOne(new Document("_id", 2).append("email", "a@x").append("team", "t")));
        assertEquals(11000, e.getError().getCode());
        assertEquals(List.of(1), ids(c, Filters.eq("team", "t")), "the rejected insert left no index entry");
        MongoWriteException dupId = assertThrows(MongoWriteException.class,
                () -> c.insertOne(new Document("_id", 1).append("email", "b@x")));
        assertEquals(11000, dupId.getError().getCode());
    }

    @Test
    void anIndexCreatedOnExistingDataIsBuiltAndSurvivesARestart(@TempDir Path dir) {
        Path file = dir.resolve("store.mv.db");
        try (EmbeddedMongoServer s = EmbeddedMongoServer.file(file).start();
             MongoClient cl = MongoClients.create(s.connectionString())) {
            MongoCollection<Document> c = cl.getDatabase("d").getCollection("c");
            for (int i = 0; i < 500; i++) {
                c.insertOne(new Document("_id", i).append("k", i % 50));
            }
            c.createIndex(Indexes.ascending("k"));
            c.updateOne(Filters.eq("_id", 3), Updates.set("k", 49));
        }
        try (EmbeddedMongoServer s = EmbeddedMongoServer.file(file).start();
             MongoClient cl = MongoClients.create(s.connectionString())) {
            MongoCollection<Document> c = cl.getDatabase("d").getCollection("c");
            cl.getDatabase("admin").runCommand(new Document("rapportQueryStats", 1).append("reset", true));
            List<Document> found = c.find(Filters.eq("k", 49)).into(new ArrayList<>());
            assertEquals(11, found.size());
            Document t = cl.getDatabase("admin").runCommand(new Document("rapportQueryStats", 1)).get("totals", Document.class);
            assertEquals(0L, t.getLong("collectionScans"));
            assertEquals(11L, t.getLong("docsExamined"));
        }
    }

    @Test
    void aSubdocumentIdIsStillALookup() {
        MongoCollection<Document> c = db.getCollection("processed");
        for (int i = 0; i < 200; i++) {
            c.insertOne(new Document("_id", new Document("consumer", "c").append("ceId", "e-" + i)));
        }
        long[] cost = cost(() -> assertEquals(1, c.countDocuments(
                Filters.eq("_id", new Document("consumer", "c").append("ceId", "e-7")))));
        assertEquals(1, cost[0]);
        assertEquals(0, cost[1]);
    }

    static List<Object> ids(MongoCollection<Document> c, Bson filter) {
        return c.find(filter).sort(Sorts.ascending("_id")).map(d -> d.get("_id")).into(new ArrayList<>());
    }
}
