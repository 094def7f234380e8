package app.rapport.messaging;

import app.rapport.events.CloudEventHeaders;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.mongodb.client.model.Filters.eq;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch consumer ({@code batch=true}, {@link InboundBatchProcessor}, {@link Inbox#applyOnceAll})
 * in a running Quarkus application against the real broker: records sent together arrive as one
 * batch and are applied in order, once per ce_id, and poison records inside a batch are
 * dead-lettered while the rest of it is applied.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class BatchInboxTest {
    static final String TOPIC = "probe-batch-events";
    static final String DLQ = "plumbing-test.probe-batch-events.dlq";

    @Inject
    BatchProbeConsumer consumer;

    private Document counter(String key) {
        return consumer.counters().find(eq("_id", key)).first();
    }

    private Integer total(String key) {
        Document d = counter(key);
        return d == null ? null : d.getInteger("total");
    }

    record Rec(String key, String id, String value, boolean cloudEvent) {
        static Rec event(String key, String id, int amount) {
            return new Rec(key, id, "{\"amount\":" + amount + "}", true);
        }
    }

    /** Sends all records in one producer request, so that they reach the consumer in one poll. */
    static void sendTogether(List<Rec> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 200);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Rec r : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, r.key(), r.value());
                if (r.cloudEvent()) {
                    add(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
                    add(record, CloudEventHeaders.ID, r.id());
                    add(record, CloudEventHeaders.TYPE, "rapport.test.amount.v1");
                    add(record, CloudEventHeaders.SOURCE, "test");
                    add(record, CloudEventHeaders.TIME, Instant.now().toString());
                    add(record, CloudEventHeaders.SUBJECT, r.key());
                }
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static void add(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchIsAppliedInOrderAndARedeliveredBatchChangesNothing() {
        String key = "adv-" + UUID.randomUUID();
        List<Rec> batch = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            batch.add(Rec.event(key, key + "-evt-" + i, i));
        }
        batch.add(batch.get(10)); // a copy inside the same batch
        sendTogether(batch);
        int expected = IntStream.rangeClosed(1, 200).sum();
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(expected).equals(total(key)));
        assertEquals(IntStream.rangeClosed(1, 200).boxed().toList(), consumer.amounts(counter(key)),
                "applied once each, in the order sent");
        assertTrue(consumer.largestBatch() > 1, "records sent together came as a batch");

        // the whole batch again, as after a crash before the offsets were committed
        sendTogether(batch);
        sendTogether(List.of(Rec.event(key, key + "-evt-last", 1000)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(expected + 1000).equals(total(key)));
        List<Integer> amounts = consumer.amounts(counter(key));
        assertEquals(201, amounts.size(), "the redelivered batch applied nothing");
        assertEquals(1000, amounts.get(200));
    }

    @Test
    void poisonRecordsInABatchAreDeadLetteredAndTheRestIsApplied() {
        String key = "adv-" + UUID.randomUUID();
        String badJson = UUID.randomUUID().toString();
        String noAmount = UUID.randomUUID().toString();
        sendTogether(List.of(
                Rec.event(key, UUID.randomUUID().toString(), 1),
                new Rec(key, badJson, "{not json", true),
                Rec.event(key, UUID.randomUUID().toString(), 2),
                new Rec(key, null, "{\"amount\":50}", false), // no CloudEvents headers at all
                new Rec(key, noAmount, "{\"other\":1}", true), // refused by the consumer's prepare
                Rec.event(key, UUID.randomUUID().toString(), 4)));

        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(7).equals(total(key)));
        assertEquals(List.of(1, 2, 4), consumer.amounts(counter(key)));
        List<ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil(DLQ, r -> key.equals(r.key()),
                l -> l.size() >= 3, Duration.ofSeconds(30));
        assertEquals(3, dead.size(), "exactly the three poison records dead-lettered");
        assertEquals(badJson, KafkaTestSupport.header(dead.get(0), CloudEventHeaders.ID));
        assertEquals("{not json", dead.get(0).value());
        assertEquals(TOPIC, KafkaTestSupport.header(dead.get(0), "dead-letter-topic"));
        assertTrue(KafkaTestSupport.header(dead.get(0), "dead-letter-reason").contains("not a valid"));
        assertNotNull(KafkaTestSupport.header(dead.get(0), "dead-letter-offset"));
        assertEquals(null, KafkaTestSupport.header(dead.get(1), CloudEventHeaders.ID));
        assertEquals(noAmount, KafkaTestSupport.header(dead.get(2), CloudEventHeaders.ID));
        assertTrue(KafkaTestSupport.header(dead.get(2), "dead-letter-reason").contains("has no amount"));
    }
}
