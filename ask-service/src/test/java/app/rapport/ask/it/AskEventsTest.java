package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.ask.service.ExpiryJob;
import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.ask.AskAccepted;
import app.rapport.events.ask.AskBlocked;
import app.rapport.events.ask.AskExpired;
import app.rapport.events.ask.AskOverridden;
import app.rapport.events.ask.AskReassigned;
import app.rapport.events.ask.AskSent;
import app.rapport.events.vocabulary.Channel;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.rapport.ask.it.TestAdvocates.action;
import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.createAsk;
import static app.rapport.ask.it.TestAdvocates.routedAsk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every transition publishes its event on ask-events through the outbox, keyed by advocateId, without PII. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AskEventsTest {

    @Inject
    ExpiryJob expiry;

    static List<ConsumerRecord<String, String>> events(Adv a, int count) {
        List<ConsumerRecord<String, String>> records = KafkaTestSupport.readSubject(Topics.ASK_EVENTS, a.id, count,
                Duration.ofSeconds(30));
        for (ConsumerRecord<String, String> r : records) {
            assertEquals(a.id, r.key(), "keyed by advocateId");
            assertEquals("ask-service", KafkaTestSupport.header(r, CloudEventHeaders.SOURCE));
            assertNotNull(KafkaTestSupport.header(r, CloudEventHeaders.ID));
            assertFalse(r.value().contains("@"), "no email on the topic: " + r.value());
            assertFalse(r.value().contains("migration"), "no free-text context on the topic: " + r.value());
        }
        return records;
    }

    static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> KafkaTestSupport.header(r, CloudEventHeaders.TYPE)).toList();
    }

    @Test
    void theHappyPathPublishesRequestedRoutedSentAcceptedCompleted() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REFERENCE_CALL");
        action(ask, "send", a.owner(), Map.of("channel", "VIDEO", "note", "a private note")).statusCode(200);
        action(ask, "response", a.owner(), Map.of("accepted", true)).statusCode(200);
        action(ask, "complete", a.owner(), Map.of()).statusCode(200);
        List<ConsumerRecord<String, String>> records = events(a, 5);
        assertEquals(List.of(EventTypes.ASK_REQUESTED, EventTypes.ASK_ROUTED, EventTypes.ASK_SENT, EventTypes.ASK_ACCEPTED,
                EventTypes.ASK_COMPLETED), types(records));
        AskSent sent = EventJson.read(records.get(2).value(), AskSent.class);
        assertEquals(ask, sent.askId());
        assertEquals("SENT", sent.status());
        assertEquals("AWAITING_OWNER", sent.previousStatus());
        assertEquals(Channel.VIDEO, sent.channel());
        assertEquals(a.ownerId, sent.by());
        assertFalse(records.get(2).value().contains("private note"));
        assertTrue(EventJson.read(records.get(3).value(), AskAccepted.class).accepted());
    }

    @Test
    void blockedOverriddenDeclinedByAdvocateDeclinedByOwnerCancelledExpiredAndReassigned() {
        Adv a = advocate();
        a.busyUntil = LocalDate.now(ZoneOffset.UTC);
        a.register();
        String blocked = createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201).extract().path("id");
        action(blocked, "override", a.owner(), Map.of("reason", "keen")).statusCode(200);
        action(blocked, "send", a.owner(), Map.of("channel", "PHONE")).statusCode(200);
        action(blocked, "response", a.owner(), Map.of("accepted", false)).statusCode(200);
        List<ConsumerRecord<String, String>> first = events(a, 5);
        assertEquals(List.of(EventTypes.ASK_REQUESTED, EventTypes.ASK_BLOCKED, EventTypes.ASK_OVERRIDDEN,
                EventTypes.ASK_SENT, EventTypes.ASK_DECLINED_BY_ADVOCATE), types(first));
        assertEquals(List.of("BUSY"), EventJson.read(first.get(1).value(), AskBlocked.class).reasonCodes());
        assertEquals(List.of("BUSY"), EventJson.read(first.get(2).value(), AskOverridden.class).reasonCodes());

        Adv b = advocate().register();
        String declined = routedAsk(b, "REFERENCE_CALL");
        action(declined, "decline", b.owner(), Map.of("reason", "not now")).statusCode(200);
        String cancelled = routedAsk(b, "CASE_STUDY");
        action(cancelled, "cancel", b.requester(), Map.of()).statusCode(200);
        String reassigned = routedAsk(b, "REVIEW");
        b.ownerId = "u-next-" + UUID.randomUUID().toString().substring(0, 6);
        b.publish(EventTypes.ADVOCATE_OWNER_CHANGED);
        List<ConsumerRecord<String, String>> second = events(b, 9);
        assertEquals(List.of(EventTypes.ASK_REQUESTED, EventTypes.ASK_ROUTED, EventTypes.ASK_DECLINED_BY_OWNER,
                EventTypes.ASK_REQUESTED, EventTypes.ASK_ROUTED, EventTypes.ASK_CANCELLED,
                EventTypes.ASK_REQUESTED, EventTypes.ASK_ROUTED, EventTypes.ASK_REASSIGNED), types(second));
        AskReassigned moved = EventJson.read(second.get(8).value(), AskReassigned.class);
        assertEquals(reassigned, moved.askId());
        assertEquals(b.ownerId, moved.ownerId());

        expiry.runAt(Instant.now().plus(Duration.ofDays(15)));
        List<ConsumerRecord<String, String>> third = events(b, 10);
        assertEquals(EventTypes.ASK_EXPIRED, types(third).get(9));
        assertEquals(reassigned, EventJson.read(third.get(9).value(), AskExpired.class).askId());
    }

    @Test
    void aPolicyChangeIsPublishedKeyedPolicy() {
        String by = "u-pm-" + UUID.randomUUID().toString().substring(0, 6);
        String token = app.rapport.testing.TestTokens.bearer(by, "programme-manager");
        io.restassured.RestAssured.given().header("Authorization", token).contentType("application/json")
                .body(Map.of("minDaysBetweenAsks", 30, "advocateBudgetPer90Days", 2, "accountBudgetPer90Days", 4,
                        "maxOpenAsksPerAdvocate", 1))
                .when().put("/api/policy").then().statusCode(200);
        List<ConsumerRecord<String, String>> records = KafkaTestSupport.readUntil(Topics.ASK_EVENTS,
                r -> EventTypes.POLICY_CHANGED.equals(KafkaTestSupport.header(r, CloudEventHeaders.TYPE))
                        && r.value().contains(by), l -> !l.isEmpty(), Duration.ofSeconds(30));
        assertEquals(1, records.size());
        assertEquals("policy", records.get(0).key());
        assertTrue(records.get(0).value().contains("\"maxOpenAsksPerAdvocate\":1"));
    }
}
