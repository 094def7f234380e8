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
                protected void markPublished(MongoCollection<Document> collection, Object docId, List<String> ids) {
                    if (marks.incrementAndGet() > 1) {
                        throw new IllegalStateException("simulated crash: process killed mid-batch");
                    }
                    super.markPublished(collection, docId, ids);
                }
            };
            assertThrowsCrash(crashing);
            // killed: it never releases its lease and never runs again
        }
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
}
