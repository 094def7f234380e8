package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.events.vocabulary.Activity;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.rapport.ask.it.TestAdvocates.action;
import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.createAsk;
import static app.rapport.ask.it.TestAdvocates.routedAsk;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outcome of the opportunity a completed ask served: who may record it, the audit of a correction,
 * the event without the story, and the brief of the next ask.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class OutcomeTest {
    static final String PROBLEM = "application/problem+json";
    static final String STORY = "Dana walked Globex through the migration; they signed the next day";

    static String completedAsk(Adv a) {
        String ask = routedAsk(a, "REFERENCE_CALL");
        action(ask, "send", a.owner(), Map.of("channel", "VIDEO")).statusCode(200);
        action(ask, "response", a.owner(), Map.of("accepted", true)).statusCode(200);
        action(ask, "complete", a.owner(), Map.of()).statusCode(200);
        return ask;
    }

    static Map<String, Object> outcome(String result, String amount, String currency, LocalDate closedOn, String story) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", result);
        if (amount != null) {
            body.put("amount", new BigDecimal(amount));
        }
        if (currency != null) {
            body.put("currency", currency);
        }
        body.put("closedOn", closedOn.toString());
        if (story != null) {
            body.put("story", story);
        }
        return body;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void theRequesterRecordsTheOutcomeAndAProgrammeManagerCorrectsItAudited() {
        Adv a = advocate().register();
        String ask = completedAsk(a);
        LocalDate closed = today().minusDays(2);
        String stranger = TestTokens.bearer("u-stranger", "requester");
        action(ask, "outcome", stranger, outcome("WON", "50000", "USD", closed, STORY)).statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("requester, the advocate's owner or a programme-manager"));

        action(ask, "outcome", a.requester(), outcome("WON", "50000.00", "USD", closed, STORY)).statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("outcome.result", equalTo("WON"))
                .body("outcome.amount", equalTo(50000.00f))
                .body("outcome.currency", equalTo("USD"))
                .body("outcome.closedOn", equalTo(closed.toString()))
                .body("outcome.story", equalTo(STORY))
                .body("history.action", hasItem("outcome-recorded"))
                .body("history.find { it.action == 'outcome-recorded' }.note",
                        equalTo("WON, 50000.00 USD, closed on " + closed));

        // the same outcome again (a retried request) records nothing more
        int entries = action(ask, "outcome", a.requester(), outcome("WON", "50000", "USD", closed, STORY))
                .statusCode(200).extract().jsonPath().getList("history").size();

        String pm = TestTokens.bearer("u-pam", "programme-manager");
        action(ask, "outcome", pm, outcome("LOST", null, null, closed, STORY)).statusCode(200)
                .body("outcome.result", equalTo("LOST"))
                .body("outcome.recordedBy", equalTo("u-pam"))
                .body("history.size()", equalTo(entries + 1))
                .body("history[-1].action", equalTo("outcome-corrected"))
                .body("history[-1].by", equalTo("u-pam"))
                .body("history[-1].note", equalTo("result WON → LOST; amount 50000.00 USD → none"));
        // the owner may correct it too
        action(ask, "outcome", a.owner(), outcome("WON", "62000", "EUR", closed, null)).statusCode(200)
                .body("outcome.currency", equalTo("EUR"))
                .body("history[-1].note", equalTo("result LOST → WON; amount none → 62000 EUR; story removed"));

        List<ConsumerRecord<String, String>> records = KafkaTestSupport.readSubject(Topics.ASK_EVENTS, a.id, 8,
                Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> outcomes = records.stream()
                .filter(r -> EventTypes.ASK_OUTCOME_RECORDED.equals(KafkaTestSupport.header(r, CloudEventHeaders.TYPE)))
                .toList();
        assertEquals(3, outcomes.size(), "one event per change, none for the repeat: " + records.size());
        for (ConsumerRecord<String, String> r : outcomes) {
            assertEquals(a.id, r.key(), "keyed by advocateId");
            assertFalse(r.value().contains("migration"), "no story on Kafka: " + r.value());
            assertFalse(r.value().contains("story"), "no story field on Kafka: " + r.value());
        }
        AskOutcomeRecordedEvent first = EventJson.read(outcomes.get(0).value(), AskOutcomeRecordedEvent.class);
        assertEquals(ask, first.askId());
        assertEquals(OutcomeResult.WON, first.result());
        assertNull(first.previousResult());
        assertFalse(first.correction());
        assertEquals(0, new BigDecimal("50000").compareTo(first.amount()));
        assertEquals("USD", first.currency());
        assertEquals(closed, first.closedOn());
        assertEquals(Activity.REFERENCE_CALL, first.activity());
        assertEquals(a.ownerId, first.ownerId());
        assertEquals(a.accountId, first.accountId());
        AskOutcomeRecordedEvent second = EventJson.read(outcomes.get(1).value(), AskOutcomeRecordedEvent.class);
        assertEquals(OutcomeResult.LOST, second.result());
        assertEquals(OutcomeResult.WON, second.previousResult());
        assertTrue(second.correction());
        assertNull(second.amount());
        assertEquals("u-pam", second.by());

        // the next ask's brief tells the owner how the opportunity ended
        createAsk(a, a.requester(), "CASE_STUDY", null).statusCode(201)
                .body("brief.asksLast12Months[0].id", equalTo(ask))
                .body("brief.asksLast12Months[0].result", equalTo("WON"))
                .body("brief.summary", containsString("a reference call for Deal 42 (completed, won)"));
    }

    @Test
    void onlyACompletedAskHasAnOutcome() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REFERENCE_CALL");
        action(ask, "send", a.owner(), Map.of("channel", "VIDEO")).statusCode(200);
        action(ask, "outcome", a.requester(), outcome("WON", null, null, today(), null)).statusCode(409)
                .contentType(PROBLEM)
                .body("detail", equalTo("The ask is SENT; an outcome can be recorded only for a COMPLETED ask"));
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + ask).then()
                .statusCode(200).body("outcome", equalTo(null));
        action("no-such-ask", "outcome", a.requester(), outcome("WON", null, null, today(), null)).statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void aMalformedOutcomeIs400NamingTheField() {
        Adv a = advocate().register();
        String ask = completedAsk(a);
        action(ask, "outcome", a.requester(), outcome("WON", "100", null, today(), null)).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("currency"));
        action(ask, "outcome", a.requester(), outcome("WON", null, "USD", today(), null)).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("amount"));
        action(ask, "outcome", a.requester(), outcome("WON", "-1", "USD", today(), null)).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("amount"));
        action(ask, "outcome", a.requester(), outcome("WON", "100", "usd", today(), null)).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("currency"));
        action(ask, "outcome", a.requester(), outcome("WON", null, null, today().plusDays(1), null)).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("closedOn"));
        action(ask, "outcome", a.requester(), outcome("MAYBE", null, null, today(), null)).statusCode(400)
                .contentType(PROBLEM);
        action(ask, "outcome", a.requester(), Map.of("result", "WON")).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("closedOn"));
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + ask).then()
                .statusCode(200).body("outcome", equalTo(null));
    }
}
