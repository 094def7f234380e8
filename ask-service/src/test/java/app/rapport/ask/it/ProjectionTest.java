package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.messaging.Inbox;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.eligibility;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gate's projection: idempotent by ce_id, in order per advocate, poison records dead-lettered. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class ProjectionTest {
    @Inject
    AdvocateViewRepository views;

    private Document view(Adv a) {
        return views.find(a.id);
    }

    @Test
    void aRedeliveredAdvocateEventIsAppliedOnce() {
        Adv a = advocate().register();
        a.busyUntil = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(5);
        String id = a.publish(EventTypes.ADVOCATE_BUSY_SET);
        a.publishWithId(EventTypes.ADVOCATE_BUSY_SET, id); // the same ce_id again
        a.busyUntil = null;
        a.publish(EventTypes.ADVOCATE_BUSY_CLEARED);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> ((Number) view(a).get("version")).longValue() == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> view(a).getInteger("eventsApplied") == 3);
        assertEquals(null, view(a).getString("busyUntil"));
        eligibility(a, "REFERENCE_CALL").statusCode(200).body("eligible", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void anOlderSnapshotNeverOverwritesANewerOne() {
        Adv a = advocate().register();
        a.status = "PAUSED";
        a.version = 10;
        a.publish(EventTypes.ADVOCATE_STATUS_CHANGED); // version 11
        a.status = "ACTIVE";
        a.version = 4;
        a.publish(EventTypes.ADVOCATE_UPDATED); // version 5, late
        String marker = a.publish(EventTypes.ADVOCATE_UPDATED); // version 6, also older than 11
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> ((Number) view(a).get("version")).longValue() == 11);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> "PAUSED".equals(view(a).getString("status")));
        eligibility(a, "REFERENCE_CALL").statusCode(200).body("reasons.code", contains("ADVOCATE_INACTIVE"));
        assertEquals(36, marker.length());
    }

    @Test
    void aPoisonAdvocateRecordIsDeadLetteredAndTheConsumerCarriesOn() {
        Adv a = advocate();
        String poisonId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, poisonId, EventTypes.ADVOCATE_UPDATED, a.id, "{not json");
        KafkaTestSupport.send(Topics.ADVOCATE_EVENTS, a.id, "{}", Map.of()); // no CloudEvents headers
        KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, UUID.randomUUID().toString(),
                EventTypes.ADVOCATE_UPDATED, a.id, "{\"by\":\"u-x\"}"); // no snapshot
        a.register(); // and the record behind them is applied
        List<ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil(
                Topics.deadLetter("ask-service", Topics.ADVOCATE_EVENTS), r -> a.id.equals(r.key()),
                l -> l.size() >= 3, Duration.ofSeconds(30));
        assertEquals(3, dead.size());
        assertEquals(poisonId, KafkaTestSupport.header(dead.get(0), CloudEventHeaders.ID));
    }

    @Test
    void aPoisonTouchpointRecordIsDeadLetteredAndARedeliveredOneCountsOnce() {
        Adv a = advocate().register();
        KafkaTestSupport.sendCloudEvent(Topics.TOUCHPOINT_EVENTS, UUID.randomUUID().toString(),
                EventTypes.TOUCHPOINT_RECORDED, a.id, "[1,2");
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now().minus(Duration.ofDays(40));
        TestAdvocates.touchpoint(a, "ACTIVITY", "MANUAL", at, null, id);
        TestAdvocates.touchpoint(a, "ACTIVITY", "MANUAL", at, null, id);
        TestAdvocates.touchpoint(a, "ACTIVITY", "MANUAL", at.plus(Duration.ofDays(1)), null, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> view(a).getList("manualUses", Document.class, List.of()).size() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> view(a).getList("manualUses", Document.class, List.of()).size() == 2);
        // two uses in 90 days: the contact budget (2) is reached
        eligibility(a, "REFERENCE_CALL").statusCode(200).body("reasons.code", contains("CONTACT_BUDGET"))
                .body("reasons[0].evidence.count", org.hamcrest.Matchers.equalTo(2));
        List<ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil(
                Topics.deadLetter("ask-service", Topics.TOUCHPOINT_EVENTS), r -> a.id.equals(r.key()),
                l -> !l.isEmpty(), Duration.ofSeconds(30));
        assertEquals("[1,2", dead.get(0).value());
    }

    /**
     * An import registers thousands of advocates at once: each new view must cost its share of the
     * poll's bulk write, not a search for asks to move plus a write of its own (which, at 100,000 rows,
     * kept the consumer so far behind that Kafka's unacknowledged-record limit stopped it). A view
     * created by its first snapshot already follows its owner, and an owner change still moves asks.
     */
    @Test
    void newAdvocatesCostNoWorkPerAdvocateBeyondTheBulkWrite() {
        List<Adv> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fresh.add(advocate());
        }
        CommandCounter.start();
        List<CommandCounter.Seen> seen;
        try {
            fresh.forEach(a -> a.publish(EventTypes.ADVOCATE_REGISTERED));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> fresh.stream().allMatch(a -> view(a) != null));
        } finally {
            seen = CommandCounter.stop();
        }
        List<CommandCounter.Seen> perAdvocate = seen.stream()
                .filter(c -> c.collection().equals("asks") || c.command().equals("update")
                        && c.collection().equals("advocate_views") && !c.filter().contains(Inbox.FIELD))
                .toList();
        assertEquals(List.of(), perAdvocate, "neither the asks nor a write per advocate: " + seen);
        for (Adv a : fresh) {
            assertEquals(a.ownerId, view(a).getString(AdvocateViewRepository.ASKS_OWNER));
        }
    }
}
