package app.rapport.touchpoint;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every recorded touchpoint reaches touchpoint-events through the outbox, keyed by advocateId, without its note. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class TouchpointEventsTest {
    @Inject
    AdvocateProjectionRepository advocates;

    @Inject
    TouchpointRepository touchpoints;

    @Test
    void everyTouchpointIsPublishedKeyedByAdvocateWithoutTheNote() {
        String advocateId = Fixtures.newId("adv");
        Fixtures.knownAdvocate(advocates, advocateId, Fixtures.OWNER, "ACTIVE");
        String secret = "private-note-" + UUID.randomUUID();
        Instant when = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        String checkIn = Fixtures.record(advocateId, "CHECK_IN", when, null, secret);
        String activity = Fixtures.record(advocateId, "ACTIVITY", when.plusSeconds(10), "ask-77", secret);
        String note = Fixtures.record(advocateId, "NOTE", when.plusSeconds(20), null, secret);
        String ceId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, ceId, EventTypes.ASK_COMPLETED, advocateId,
                Fixtures.askEventJson("ask-78", advocateId, "COMPLETED", when.plusSeconds(30)));

        List<ConsumerRecord<String, String>> records = KafkaTestSupport.readSubject(Topics.TOUCHPOINT_EVENTS,
                advocateId, 4, Duration.ofSeconds(30));
        assertEquals(4, records.size());
        Map<String, TouchpointRecordedEvent> byId = records.stream()
                .map(r -> EventJson.read(r.value(), TouchpointRecordedEvent.class))
                .collect(Collectors.toMap(TouchpointRecordedEvent::touchpointId, Function.identity()));
        assertEquals(Set.of(checkIn, activity, note, "tp-" + ceId), byId.keySet());
        for (ConsumerRecord<String, String> r : records) {
            assertEquals(advocateId, r.key());
            assertEquals(advocateId, KafkaTestSupport.header(r, CloudEventHeaders.SUBJECT));
            assertEquals(EventTypes.TOUCHPOINT_RECORDED, KafkaTestSupport.header(r, CloudEventHeaders.TYPE));
            assertEquals("touchpoint-service", KafkaTestSupport.header(r, CloudEventHeaders.SOURCE));
            assertNotNull(KafkaTestSupport.header(r, CloudEventHeaders.ID));
            assertFalse(r.value().contains(secret), "the note never goes on the topic");
            assertFalse(r.value().contains("\"note\""), "no note field at all");
        }
        TouchpointRecordedEvent manual = byId.get(activity);
        assertEquals(TouchpointType.ACTIVITY, manual.type());
        assertEquals("ask-77", manual.askId());
        assertEquals("MANUAL", manual.source());
        assertEquals(Fixtures.OWNER, manual.byUserId());
        assertEquals(when.plusSeconds(10), manual.occurredAt());
        TouchpointRecordedEvent derived = byId.get("tp-" + ceId);
        assertEquals(TouchpointType.ACTIVITY, derived.type());
        assertEquals("ask-78", derived.askId());
        assertEquals(Activity.REFERENCE_CALL, derived.activity());
        assertEquals("ASK_EVENT", derived.source());

        // the outboxes are drained once Kafka acknowledged
        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.collection().countDocuments(
                Filters.and(Filters.eq("advocateId", advocateId), Filters.exists("outbox.0"))) == 0);
    }
}
