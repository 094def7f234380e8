package app.rapport.messaging;

import app.rapport.events.CloudEventHeaders;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A SmallRye Kafka consumer built on the plumbing, in a running Quarkus application against the
 * real broker: a redelivered event is applied once, and a poison record is dead-lettered without
 * stopping the records behind it.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class InboxAndDeadLetterTest {
    @Inject
    ProbeConsumer consumer;

    private Integer total(String key) {
        Document d = consumer.counters().find(eq("_id", key)).first();
        return d == null ? null : d.getInteger("total");
    }

    @Test
    void aDuplicateDeliveryIsAppliedOnce() {
        String key = "adv-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent("probe-events", id, "rapport.test.amount.v1", key, "{\"amount\":5}");
        KafkaTestSupport.sendCloudEvent("probe-events", id, "rapport.test.amount.v1", key, "{\"amount\":5}");
        KafkaTestSupport.sendCloudEvent("probe-events", UUID.randomUUID().toString(), "rapport.test.amount.v1", key,
                "{\"amount\":1}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(6).equals(total(key)));
        // give a wrongly applied copy every chance to show up
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> total(key) == 6);
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheConsumerCarriesOn() {
        String key = "adv-" + UUID.randomUUID();
        String poisonId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent("probe-events", poisonId, "rapport.test.amount.v1", key, "{not json");
        KafkaTestSupport.send("probe-events", key, "{\"amount\":2}", Map.of()); // no CloudEvents headers at all
        KafkaTestSupport.sendCloudEvent("probe-events", UUID.randomUUID().toString(), "rapport.test.amount.v1", key,
                "{\"amount\":7}");

        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(7).equals(total(key)));
        List<ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil("plumbing-test.probe-events.dlq",
                r -> key.equals(r.key()), l -> l.size() >= 2, Duration.ofSeconds(30));
        assertEquals(2, dead.size(), "both poison records dead-lettered");
        assertEquals(poisonId, KafkaTestSupport.header(dead.get(0), CloudEventHeaders.ID));
        assertEquals("{not json", dead.get(0).value());
    }
}
