package app.rapport.messaging;

import app.rapport.events.CloudEventHeaders;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox relay against a real KRaft broker and a Mongo server over TCP: nothing committed is
 * lost, not even when the relay dies between publishing and marking, and order per key holds.
 */
class OutboxRelayTest {
    static MongoClient mongo;
    static MongoDatabase db;
    MongoCollection<Document> things;
    String topic;

    @BeforeAll
    static void connect() {
        mongo = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
        db = mongo.getDatabase("relay-" + UUID.randomUUID());
    }

    @AfterAll
    static void disconnect() {
        mongo.close();
    }

    @BeforeEach
    void freshTopic() {
        topic = "relay-test-" + UUID.randomUUID();
        TestInfrastructure.get().createTopics(List.of(topic));
        things = db.getCollection("things-" + UUID.randomUUID());
    }

    private static OutboxRelay.Settings fast() {
        return new OutboxRelay.Settings(Duration.ofMillis(100), Duration.ofSeconds(1), 50, Duration.ofSeconds(20),
                true);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(OutboxRelayService.producerConfig(
                TestInfrastructure.get().kafkaBootstrapServers(), "relay-test"));
    }

    /** Commits one state change with its events in a single write, as services do. */
    private List<String> commitChanges(String docId, String key, int count) {
        List<String> ids = new ArrayList<>();
        things.insertOne(new Document("_id", docId).append("value", 0));
        for (int i = 1; i <= count; i++) {
            OutboxEvent e = OutboxEvent.of(topic, key, "rapport.test.changed.v1", Map.of("value", i));
            things.updateOne(Filters.eq("_id", docId), Updates.combine(Updates.set("value", i), Outbox.push(e)));
            ids.add(e.id());
        }
        return ids;
    }

    private List<ConsumerRecord<String, String>> readAtLeast(Set<String> ids) {
        return KafkaTestSupport.readUntil(topic, r -> true,
                l -> l.stream().map(r -> KafkaTestSupport.header(r, CloudEventHeaders.ID)).collect(Collectors.toSet())
                        .containsAll(ids), Duration.ofSeconds(30));
    }

    @Test
    void publishesCommittedEventsAsCloudEventsInOrderAndEmptiesTheOutbox() {
        List<String> a = commitChanges("a", "adv-a", 5);
        List<String> b = commitChanges("b", "adv-b", 5);
        try (KafkaProducer<String, String> p = producer();
                OutboxRelay relay = new OutboxRelay(db, List.of(things.getNamespace().getCollectionName()), p,
                        "relay-test", fast())) {
            relay.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.countPending() == 0);
        }
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        List<ConsumerRecord<String, String>> records = readAtLeast(all);
        assertEquals(10, records.size(), "each event once");

        ConsumerRecord<String, String> first = records.stream()
                .filter(r -> a.get(0).equals(KafkaTestSupport.header(r, CloudEventHeaders.ID))).findFirst().orElseThrow();
        assertEquals("adv-a", first.key());
        assertEquals("adv-a", KafkaTestSupport.header(first, CloudEventHeaders.SUBJECT));
        assertEquals("rapport.test.changed.v1", KafkaTestSupport.header(first, CloudEventHeaders.TYPE));
        assertEquals("relay-test", KafkaTestSupport.header(first, CloudEventHeaders.SOURCE));
        assertEquals("1.0", KafkaTestSupport.header(first, CloudEventHeaders.SPEC_VERSION));
        assertTrue(KafkaTestSupport.header(first, CloudEventHeaders.TIME).endsWith("Z"));
        assertEquals("{\"value\":1}", first.value());

        // per key, the order of commit
        List<String> seenA = records.stream().filter(r -> r.key().equals("adv-a"))
                .map(r -> KafkaTestSupport.header(r, CloudEventHeaders.ID)).toList();
        assertEquals(a, seenA);
        assertFalse(things.find(Filters.exists("outbox.0")).iterator().hasNext(), "outboxes drained");
    }

    @Test
    void aRelayKilledBetweenPublishAndMarkLosesNothingAfterRestart() {
        List<String> a = commitChanges("a", "adv-a", 3);
        List<String> b = commitChanges("b", "adv-b", 3);
        List<String> c = commitChanges("c", "adv-c", 3);
        String coll = things.getNamespace().getCollectionName();
        AtomicInteger marks = new AtomicInteger();

        // The first relay publishes a whole batch, marks one document, then dies mid-batch.
        try (KafkaProducer<String, String> p = producer()) {
            OutboxRelay crashing = new OutboxRelay(db, List.of(coll), p, "relay-crash", fast()) {
                @Override
                protected void markPublished(MongoCollection<Document> collection, List<Published> docs) {
                    // marks the first document, then the process dies
                    marks.incrementAndGet();
                    super.markPublished(collection, docs.subList(0, 1));
                    throw new IllegalStateException("simulated crash: process killed mid-batch");
                }
            };
            assertThrowsCrash(crashing);
            // killed: it never releases its lease and never runs again
        }
        assertEquals(1, marks.get());
        assertEquals(6, countPending(coll), "two documents' events still pending after the crash");

        // A new instance takes over once the dead one's lease expires and publishes the rest.
        try (KafkaProducer<String, String> p = producer();
                OutboxRelay restarted = new OutboxRelay(db, List.of(coll), p, "relay-crash", fast())) {
            restarted.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> restarted.countPending() == 0);
        }
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        List<ConsumerRecord<String, String>> records = readAtLeast(all);
        Set<String> seen = records.stream().map(r -> KafkaTestSupport.header(r, CloudEventHeaders.ID))
                .collect(Collectors.toSet());
        assertTrue(seen.containsAll(all), "every committed event reached Kafka");
        assertTrue(records.size() > all.size(), "the unmarked ones went out twice (at least once, not exactly once)");

        // and an idempotent consumer applies each exactly once
        MongoCollection<Document> projection = db.getCollection("projection-" + UUID.randomUUID());
        Map<String, Integer> applied = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            String id = KafkaTestSupport.header(r, CloudEventHeaders.ID);
            if (Inbox.applyOnce(projection, r.key(), id, Updates.inc("applied", 1))) {
                applied.merge(r.key(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("adv-a", 3, "adv-b", 3, "adv-c", 3), applied);
        assertEquals(3, projection.find(Filters.eq("_id", "adv-a")).first().getInteger("applied"));
    }

    private static void assertThrowsCrash(OutboxRelay relay) {
        try {
            relay.publishBatch();
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("simulated crash"));
            return;
        }
        throw new AssertionError("the simulated crash did not happen");
    }

    private long countPending(String coll) {
        long n = 0;
        for (Document d : db.getCollection(coll).find(Filters.exists("outbox.0"))) {
            n += d.getList("outbox", Object.class).size();
        }
        return n;
    }

    @Test
    void twoInstancesTogetherLoseNothingAndOnlyTheLeaseHolderPublishes() throws Exception {
        String coll = things.getNamespace().getCollectionName();
        try (KafkaProducer<String, String> p1 = producer(); KafkaProducer<String, String> p2 = producer();
                OutboxRelay one = new OutboxRelay(db, List.of(coll), p1, "relay-pair", fast());
                OutboxRelay two = new OutboxRelay(db, List.of(coll), p2, "relay-pair", fast())) {
            one.start();
            two.start();
            List<String> ids = new ArrayList<>();
            for (int d = 0; d < 10; d++) {
                ids.addAll(commitChanges("doc-" + d, "adv-" + d, 4));
                one.nudge();
                two.nudge();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> one.countPending() == 0);
            List<ConsumerRecord<String, String>> records = readAtLeast(new LinkedHashSet<>(ids));
            assertEquals(40, records.size(), "no event lost and none duplicated while the lease holder lives");
            assertTrue(one.publishedCount() == 0 || two.publishedCount() == 0,
                    "only one instance published: " + one.publishedCount() + " / " + two.publishedCount());
        }
    }

    @Test
    void inboxAppliesAnEventIdOnceAndInsertOnceRefusesACopy() {
        MongoCollection<Document> projection = db.getCollection("inbox-" + UUID.randomUUID());
        assertTrue(Inbox.applyOnce(projection, "adv-1", "evt-1", Updates.inc("n", 1)));
        assertFalse(Inbox.applyOnce(projection, "adv-1", "evt-1", Updates.inc("n", 1)));
        assertTrue(Inbox.applyOnce(projection, "adv-1", "evt-2", Updates.inc("n", 1)));
        assertEquals(2, projection.find(Filters.eq("_id", "adv-1")).first().getInteger("n"));

        assertTrue(Inbox.insertOnce(projection, new Document("_id", "tp-evt-9").append("type", "ASK_SENT")));
        assertFalse(Inbox.insertOnce(projection, new Document("_id", "tp-evt-9").append("type", "ASK_SENT")));
    }

    @Test
    void theMarkIsSetWithTheEventsAndRemovedWithTheLastOne() {
        String coll = things.getNamespace().getCollectionName();
        List<String> ids = commitChanges("m", "adv-m", 2);
        Document d = things.find(Filters.eq("_id", "m")).first();
        List<Document> outbox = d.getList("outbox", Document.class);
        long first = outbox.get(0).getLong(Outbox.SEQ);
        assertTrue(outbox.get(1).getLong(Outbox.SEQ) > first, "stamps increase in commit order");
        assertEquals(first, d.getLong(Outbox.SINCE), "outboxSince is the oldest pending stamp ($min)");

        Document inserted = Outbox.withEvents(new Document("_id", "n"),
                OutboxEvent.of(topic, "adv-n", "rapport.test.changed.v1", Map.of("value", 1)));
        things.insertOne(inserted);
        assertTrue(inserted.getLong(Outbox.SINCE) > first);

        try (KafkaProducer<String, String> p = producer()) {
            OutboxRelay relay = new OutboxRelay(db, List.of(coll), p, "relay-mark", fast());
            assertFalse(relay.publishBatch(), "less than a batch: nothing more waiting");
            assertEquals(3, relay.pendingEstimate(), "the pass saw the whole backlog");
            assertEquals(0, relay.countPending());
            assertFalse(relay.publishBatch());
            assertEquals(0, relay.pendingEstimate());
        }
        Document after = things.find(Filters.eq("_id", "m")).first();
        assertFalse(after.containsKey("outbox"), "outbox removed with the last event");
        assertFalse(after.containsKey(Outbox.SINCE), "and the mark with it, so the document leaves the index");
        assertEquals(2, after.getInteger("value"), "the state is untouched");
        readAtLeast(new LinkedHashSet<>(ids));
    }

    @Test
    void aBacklogLargerThanABatchGoesOutInBoundedPassesKeepingOrderPerKeyAcrossDocuments() {
        String coll = things.getNamespace().getCollectionName();
        // 120 documents, each one event, all of two keys: order per key spans documents
        List<String> order0 = new ArrayList<>();
        List<String> order1 = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            OutboxEvent e = OutboxEvent.of(topic, "adv-" + (i % 2), "rapport.test.changed.v1", Map.of("value", i));
            things.insertOne(Outbox.withEvents(new Document("_id", "d-" + UUID.randomUUID()).append("value", i), e));
            (i % 2 == 0 ? order0 : order1).add(e.id());
        }
        // and one document with events pushed over time, interleaved with the others of its key
        things.insertOne(new Document("_id", "multi").append("value", 0));
        for (int i = 0; i < 3; i++) {
            OutboxEvent e = OutboxEvent.of(topic, "adv-0", "rapport.test.changed.v1", Map.of("value", 1000 + i));
            things.updateOne(Filters.eq("_id", "multi"), Updates.combine(Updates.inc("value", 1), Outbox.push(e)));
            order0.add(e.id());
            OutboxEvent other = OutboxEvent.of(topic, "adv-0", "rapport.test.changed.v1", Map.of("value", 2000 + i));
            things.insertOne(Outbox.withEvents(new Document("_id", "after-" + i), other));
            order0.add(other.id());
        }
        int passes = 0;
        try (KafkaProducer<String, String> p = producer()) {
            OutboxRelay relay = new OutboxRelay(db, List.of(coll), p, "relay-backlog", fast()); // batch of 50
            while (relay.countPending() > 0) {
                relay.publishBatch();
                passes++;
                assertTrue(passes < 20, "the relay makes progress");
            }
            assertEquals(126, relay.publishedCount());
        }
        assertTrue(passes >= 3, "bounded passes of at most a batch: " + passes);
        Set<String> all = new LinkedHashSet<>(order0);
        all.addAll(order1);
        List<ConsumerRecord<String, String>> records = readAtLeast(all);
        assertEquals(126, records.size(), "each event once");
        assertEquals(order0, records.stream().filter(r -> r.key().equals("adv-0"))
                .map(r -> KafkaTestSupport.header(r, CloudEventHeaders.ID)).toList());
        assertEquals(order1, records.stream().filter(r -> r.key().equals("adv-1"))
                .map(r -> KafkaTestSupport.header(r, CloudEventHeaders.ID)).toList());
    }

    @Test
    void anEventAddedWhileAPassPublishesStaysPending() {
        String coll = things.getNamespace().getCollectionName();
        commitChanges("race", "adv-race", 1);
        OutboxEvent late = OutboxEvent.of(topic, "adv-race", "rapport.test.changed.v1", Map.of("value", 99));
        try (KafkaProducer<String, String> p = producer()) {
            OutboxRelay relay = new OutboxRelay(db, List.of(coll), p, "relay-race", fast()) {
                @Override
                protected void markPublished(MongoCollection<Document> collection, List<Published> docs) {
                    // a writer commits another event between the read and the mark
                    things.updateOne(Filters.eq("_id", "race"), Outbox.push(late));
                    super.markPublished(collection, docs);
                }
            };
            relay.publishBatch();
            Document d = things.find(Filters.eq("_id", "race")).first();
            assertEquals(List.of(late.id()), d.getList("outbox", Document.class).stream()
                    .map(x -> x.getString("id")).toList(), "only the published event was removed");
            assertTrue(d.containsKey(Outbox.SINCE), "still marked as pending");
            assertEquals(1, relay.countPending());
        }
        try (KafkaProducer<String, String> p = producer()) {
            OutboxRelay relay = new OutboxRelay(db, List.of(coll), p, "relay-race-2", fast());
            relay.publishBatch();
            assertEquals(0, relay.countPending());
        }
        readAtLeast(Set.of(late.id()));
    }

    @Test
    void applyOnceAllKeepsOrderAndSkipsWhatWasAppliedBefore() {
        MongoCollection<Document> projection = db.getCollection("bulk-inbox-" + UUID.randomUUID());
        assertTrue(Inbox.applyOnce(projection, "adv-1", "evt-2", Updates.push("seen", 2)));
        boolean[] applied = Inbox.applyOnceAll(projection, List.of(
                new Inbox.Change("adv-1", "evt-1", Updates.push("seen", 1)),
                new Inbox.Change("adv-1", "evt-2", Updates.push("seen", 2)), // applied before
                new Inbox.Change("adv-2", "evt-9", Updates.push("seen", 9)), // a new document
                new Inbox.Change("adv-1", "evt-3", Updates.push("seen", 3)),
                new Inbox.Change("adv-2", "evt-9", Updates.push("seen", 9)), // a copy within the batch
                new Inbox.Change("adv-1", "evt-4", Updates.push("seen", 4))));
        assertEquals("[true, false, true, true, false, true]", java.util.Arrays.toString(applied));
        assertEquals(List.of(2, 1, 3, 4), projection.find(Filters.eq("_id", "adv-1")).first().getList("seen",
                Integer.class));
        assertEquals(List.of(9), projection.find(Filters.eq("_id", "adv-2")).first().getList("seen", Integer.class));

        boolean[] inserted = Inbox.insertOnceAll(projection, List.of(new Document("_id", "x"),
                new Document("_id", "adv-1"), new Document("_id", "y")));
        assertEquals("[true, false, true]", java.util.Arrays.toString(inserted));
    }
}
