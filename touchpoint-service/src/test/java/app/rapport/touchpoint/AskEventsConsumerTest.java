package app.rapport.touchpoint;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventTypes;
import app.rapport.events.EventJson;
import app.rapport.events.Topics;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.touchpoint.domain.Source;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import app.rapport.touchpoint.repository.TouchpointRepository;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ask-events become touchpoints exactly once; poison records go to the dead-letter topic. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AskEventsConsumerTest {
    @Inject
    TouchpointRepository touchpoints;

    @Inject
    AdvocateProjectionRepository advocates;

    long count(String advocateId) {
        return touchpoints.collection().countDocuments(Filters.eq("advocateId", advocateId));
    }

    @Test
    void anAskEventPublishedTwiceYieldsOneTouchpoint() {
        String advocateId = Fixtures.newId("adv");
        String ceId = UUID.randomUUID().toString();
        Instant at = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        String json = Fixtures.askEventJson("ask-1", advocateId, "SENT", at);
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, ceId, EventTypes.ASK_SENT, advocateId, json);
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, ceId, EventTypes.ASK_SENT, advocateId, json);
        // a marker behind both copies on the same partition: once it is applied, both copies were seen
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, UUID.randomUUID().toString(), EventTypes.ASK_ACCEPTED,
                advocateId, Fixtures.askEventJson("ask-1", advocateId, "ACCEPTED", at.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(advocateId) == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> count(advocateId) == 2);
        Touchpoint sent = touchpoints.findById("tp-" + ceId).orElseThrow();
        assertEquals(TouchpointType.ASK_SENT, sent.type());
        assertEquals(at, sent.occurredAt());
        assertEquals("ask-1", sent.askId());
        assertEquals("PHONE", sent.channel());
        assertEquals(Fixtures.OWNER, sent.byUserId());
        assertEquals(Source.ASK_EVENT, sent.source());

        // and it went out on touchpoint-events once
        List<ConsumerRecord<String, String>> out = KafkaTestSupport.readSubject(Topics.TOUCHPOINT_EVENTS, advocateId,
                2, Duration.ofSeconds(30));
        assertEquals(1, out.stream().filter(r -> r.value().contains("\"touchpointId\":\"tp-" + ceId + "\"")).count());
    }

    @Test
    void sentAnsweredAndCompletedAsksBecomeTheirTouchpointsAndOthersAreIgnored() {
        String advocateId = Fixtures.newId("adv");
        Instant at = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (String type : List.of(EventTypes.ASK_REQUESTED, EventTypes.ASK_ROUTED, EventTypes.ASK_BLOCKED,
                EventTypes.ASK_SENT, EventTypes.ASK_ACCEPTED, EventTypes.ASK_DECLINED_BY_ADVOCATE,
                EventTypes.ASK_DECLINED_BY_OWNER, EventTypes.ASK_CANCELLED, EventTypes.ASK_EXPIRED,
                EventTypes.ASK_COMPLETED)) {
            String id = UUID.randomUUID().toString();
            ids.put(type, id);
            KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, id, type, advocateId,
                    Fixtures.askEventJson("ask-9", advocateId, "X", at));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(advocateId) == 4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> count(advocateId) == 4);
        assertEquals(TouchpointType.ASK_SENT, touchpoints.findById("tp-" + ids.get(EventTypes.ASK_SENT))
                .orElseThrow().type());
        Touchpoint accepted = touchpoints.findById("tp-" + ids.get(EventTypes.ASK_ACCEPTED)).orElseThrow();
        assertEquals(TouchpointType.ASK_ANSWERED, accepted.type());
        assertEquals(Boolean.TRUE, accepted.accepted());
        Touchpoint declined = touchpoints.findById("tp-" + ids.get(EventTypes.ASK_DECLINED_BY_ADVOCATE)).orElseThrow();
        assertEquals(TouchpointType.ASK_ANSWERED, declined.type());
        assertEquals(Boolean.FALSE, declined.accepted());
        Touchpoint completed = touchpoints.findById("tp-" + ids.get(EventTypes.ASK_COMPLETED)).orElseThrow();
        assertEquals(TouchpointType.ACTIVITY, completed.type());
        assertEquals("ask-9", completed.askId());
        assertEquals("REFERENCE_CALL", completed.activity());
        assertNull(completed.note());
    }

    @Test
    void aPoisonAskEventIsDeadLetteredAndLaterRecordsAreStillApplied() {
        String advocateId = Fixtures.newId("adv");
        String poisonId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, poisonId, EventTypes.ASK_SENT, advocateId, "{not json");
        KafkaTestSupport.send(Topics.ASK_EVENTS, advocateId, "{\"askId\":\"a\"}", Map.of()); // no CloudEvents headers
        String noAskId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, noAskId, EventTypes.ASK_COMPLETED, advocateId,
                "{\"advocateId\":\"" + advocateId + "\"}");
        String goodId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, goodId, EventTypes.ASK_COMPLETED, advocateId,
                Fixtures.askEventJson("ask-ok", advocateId, "COMPLETED", Instant.now().minusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.findById("tp-" + goodId).isPresent());
        assertEquals(1, count(advocateId));
        List<ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil("touchpoint-service.ask-events.dlq",
                r -> advocateId.equals(r.key()), l -> l.size() >= 3, Duration.ofSeconds(30));
        assertEquals(3, dead.size(), "three poison records dead-lettered");
        assertEquals(poisonId, KafkaTestSupport.header(dead.get(0), CloudEventHeaders.ID));
        assertEquals("{not json", dead.get(0).value());
        assertEquals(noAskId, KafkaTestSupport.header(dead.get(2), CloudEventHeaders.ID));
    }

    @Test
    void advocateEventsKeepTheProjectionAndAStaleSnapshotIsIgnored() {
        String advocateId = Fixtures.newId("adv");
        Fixtures.publishAdvocate(advocateId, "u-first", "ACTIVE", 1);
        Fixtures.publishAdvocate(advocateId, "u-second", "PAUSED", 3);
        Fixtures.publishAdvocate(advocateId, "u-stale", "ACTIVE", 2);
        Fixtures.publishAdvocate(advocateId, "u-second", "PAUSED", 3); // same state, other event id
        String marker = Fixtures.newId("adv-marker");
        Fixtures.publishAdvocate(marker, "u-first", "ACTIVE", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> advocates.find(marker).isPresent()
                && advocates.find(advocateId).isPresent());
        // the marker may sit on another partition: wait until the stale one surely had its turn
        await().atMost(Duration.ofSeconds(30)).until(() -> advocates.collection()
                .find(Filters.eq("_id", advocateId)).first().getList("inbox", String.class).size() >= 3);
        var known = advocates.find(advocateId).orElseThrow();
        assertEquals("u-second", known.ownerId());
        assertEquals("PAUSED", known.status());
        assertEquals(3, known.version());
        assertEquals("Name of " + advocateId, known.name());
        assertTrue(advocates.collection().find(Filters.eq("_id", advocateId)).first().getList("inbox", String.class)
                .size() >= 3);
    }

    @Test
    void anOutcomeBecomesAnOutcomeTouchpointThatIsNotPublished() {
        String advocateId = Fixtures.newId("adv");
        String ceId = UUID.randomUUID().toString();
        Instant at = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        Fixtures.publishOutcome(advocateId, ceId, "ask-o", OutcomeResult.WON, null, "125000.00", at);
        // a marker behind it on the same partition: it is published, so once it is out the outcome was handled
        String markerId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, markerId, EventTypes.ASK_SENT, advocateId,
                Fixtures.askEventJson("ask-marker", advocateId, "SENT", at.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.findById("tp-" + markerId).isPresent());
        Touchpoint outcome = touchpoints.findById("tp-" + ceId).orElseThrow();
        assertEquals(TouchpointType.OUTCOME, outcome.type());
        assertEquals("ask-o", outcome.askId());
        assertEquals("REFERENCE_CALL", outcome.activity());
        assertEquals("WON", outcome.outcome());
        assertEquals(at, outcome.occurredAt());
        assertEquals("u-req", outcome.byUserId());
        assertEquals(Source.ASK_EVENT, outcome.source());
        assertNull(outcome.channel());
        assertNull(outcome.note());

        List<ConsumerRecord<String, String>> out = KafkaTestSupport.readUntil(Topics.TOUCHPOINT_EVENTS,
                r -> advocateId.equals(r.key()), l -> l.stream().anyMatch(r -> r.value().contains("tp-" + markerId)),
                Duration.ofSeconds(30));
        assertEquals(List.of("tp-" + markerId), out.stream()
                .map(r -> EventJson.read(r.value(), TouchpointRecordedEvent.class).touchpointId()).toList(),
                "the marker is published, the outcome is not");
    }

    @Test
    void aCorrectionIsRecordedOnlyWhenItChangesTheResult() {
        String advocateId = Fixtures.newId("adv");
        Instant at = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        String first = UUID.randomUUID().toString();
        String amountOnly = UUID.randomUUID().toString();
        String changed = UUID.randomUUID().toString();
        Fixtures.publishOutcome(advocateId, first, "ask-c", OutcomeResult.WON, null, "1000", at);
        Fixtures.publishOutcome(advocateId, amountOnly, "ask-c", OutcomeResult.WON, OutcomeResult.WON, "1200",
                at.plus(Duration.ofHours(1)));
        Fixtures.publishOutcome(advocateId, changed, "ask-c", OutcomeResult.LOST, OutcomeResult.WON, "1200",
                at.plus(Duration.ofHours(2)));
        // the last one applied means the amount-only correction (before it, same partition) was seen
        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.findById("tp-" + changed).isPresent());
        assertEquals(2, count(advocateId));
        assertEquals("WON", touchpoints.findById("tp-" + first).orElseThrow().outcome());
        assertTrue(touchpoints.findById("tp-" + amountOnly).isEmpty());
        assertEquals("LOST", touchpoints.findById("tp-" + changed).orElseThrow().outcome());
    }

    @Test
    void aMalformedOutcomeIsDeadLetteredAndLaterRecordsAreStillApplied() {
        String advocateId = Fixtures.newId("adv");
        Instant at = Instant.now().minus(Duration.ofHours(1));
        String noAskId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, noAskId, EventTypes.ASK_OUTCOME_RECORDED, advocateId,
                Fixtures.outcomeEventJson(null, advocateId, OutcomeResult.WON, null, null, at));
        // neither an advocateId in the value nor a ce_subject (the record key is only for partitioning)
        String noAdvocate = UUID.randomUUID().toString();
        KafkaTestSupport.send(Topics.ASK_EVENTS, advocateId,
                Fixtures.outcomeEventJson("ask-p", null, OutcomeResult.WON, null, null, at), Map.of(
                        CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                        CloudEventHeaders.ID, noAdvocate,
                        CloudEventHeaders.TYPE, EventTypes.ASK_OUTCOME_RECORDED,
                        CloudEventHeaders.SOURCE, "test",
                        CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        String unknownResult = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, unknownResult, EventTypes.ASK_OUTCOME_RECORDED, advocateId,
                Fixtures.outcomeEventJson("ask-p", advocateId, OutcomeResult.WON, null, null, at)
                        .replace("\"result\":\"WON\"", "\"result\":\"MAYBE\""));
        String noResult = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, noResult, EventTypes.ASK_OUTCOME_RECORDED, advocateId,
                "{\"askId\":\"ask-p\",\"advocateId\":\"" + advocateId + "\"}");
        String goodId = UUID.randomUUID().toString();
        Fixtures.publishOutcome(advocateId, goodId, "ask-p", OutcomeResult.NO_DECISION, null, null, at);

        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.findById("tp-" + goodId).isPresent());
        assertEquals(1, count(advocateId));
        List<ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil("touchpoint-service.ask-events.dlq",
                r -> advocateId.equals(r.key()), l -> l.size() >= 4, Duration.ofSeconds(30));
        assertEquals(List.of(noAskId, noAdvocate, unknownResult, noResult),
                dead.stream().map(r -> KafkaTestSupport.header(r, CloudEventHeaders.ID)).toList());
        assertTrue(dead.get(2).value().contains("MAYBE"), "the record is dead-lettered as it came");
    }
}
