package app.rapport.advocate.rest;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.account.AccountSituationChangedEvent;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.web.Roles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.rapport.advocate.Fixtures.PM;
import static app.rapport.advocate.Fixtures.REQUESTER;
import static app.rapport.advocate.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Account signals, by REST and on the {@code account-signals} topic, against the real broker and
 * Mongo server: folded into the account's situation once per signal id, older signals never
 * reopening a case, the situation published on advocate-events keyed by the account, and a poison
 * signal dead-lettered with its reason.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AccountSignalsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String INTEGRATION = TestTokens.bearer("u-zendesk", Roles.INTEGRATION);

    private static String account() {
        return "acc-" + UUID.randomUUID();
    }

    private static Map<String, Object> signal(String id, String type, Instant at, Map<String, Object> data) {
        return Map.of("id", id, "type", type, "occurredAt", at.toString(), "data", data);
    }

    @Test
    void aRestSignalChangesTheSituationOnceAndPublishesIt() {
        String acc = account();
        Instant t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> opened = signal("zd-1-" + acc, "SUPPORT_CASE_OPENED", t,
                Map.of("caseId", "CASE-1", "priority", "P1"));
        as(INTEGRATION).contentType(ContentType.JSON).body(opened).post("/api/accounts/" + acc + "/signals")
                .then().statusCode(202).body("applied", equalTo(true)).body("changed", equalTo(true))
                .body("version", equalTo(1)).body("situation.openCases[0].caseId", equalTo("CASE-1"));
        // the same signal again changes nothing
        as(INTEGRATION).contentType(ContentType.JSON).body(opened).post("/api/accounts/" + acc + "/signals")
                .then().statusCode(202).body("applied", equalTo(false)).body("version", equalTo(1));
        as(PM).contentType(ContentType.JSON).body(signal("crm-r-" + acc, "RENEWAL_SET", t,
                Map.of("renewsOn", "2027-03-01"))).post("/api/accounts/" + acc + "/signals").then().statusCode(202);
        as(PM).contentType(ContentType.JSON).body(signal("bill-" + acc, "SPEND_RECORDED", t,
                Map.of("period", "2026", "amount", 120000.50, "currency", "EUR")))
                .post("/api/accounts/" + acc + "/signals").then().statusCode(202);

        as(REQUESTER).get("/api/accounts/" + acc).then().statusCode(200)
                .body("id", equalTo(acc))
                .body("situation.openCases", hasSize(1))
                .body("situation.openCases[0].priority", equalTo("P1"))
                .body("situation.openCases[0].openedAt", equalTo(t.toString()))
                .body("situation.renewsOn", equalTo("2027-03-01"))
                .body("situation.spend[0].period", equalTo("2026"))
                .body("situation.spend[0].currency", equalTo("EUR"));

        List<ConsumerRecord<String, String>> events = KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, acc, 3, WAIT);
        assertEquals(3, events.size(), "one event per change, none for the repeat");
        for (ConsumerRecord<String, String> r : events) {
            assertEquals(acc, r.key());
            assertEquals(EventTypes.ACCOUNT_SITUATION_CHANGED, KafkaTestSupport.header(r, CloudEventHeaders.TYPE));
        }
        AccountSituationChangedEvent last = EventJson.read(events.get(2).value(), AccountSituationChangedEvent.class);
        assertEquals(3, last.version());
        assertEquals("SPEND_RECORDED", last.signalType());
        assertEquals("CASE-1", last.openCases().get(0).caseId());
        assertEquals(0, new java.math.BigDecimal("120000.5").compareTo(last.spend().get(0).amount()));
    }

    @Test
    void anOpenOlderThanTheCloseDoesNotReopenTheCase() {
        String acc = account();
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        // the close arrives first, the open (which happened before it) after
        as(INTEGRATION).contentType(ContentType.JSON).body(signal("c-" + acc, "SUPPORT_CASE_CLOSED", t.plusSeconds(60),
                Map.of("caseId", "CASE-9", "priority", "P2"))).post("/api/accounts/" + acc + "/signals")
                .then().statusCode(202);
        as(INTEGRATION).contentType(ContentType.JSON).body(signal("o-" + acc, "SUPPORT_CASE_OPENED", t,
                Map.of("caseId", "CASE-9", "priority", "P2"))).post("/api/accounts/" + acc + "/signals")
                .then().statusCode(202).body("applied", equalTo(true)).body("changed", equalTo(false));
        as(PM).get("/api/accounts/" + acc).then().statusCode(200).body("situation.openCases", empty());
    }

    @Test
    void signalsFromTheTopicAreFoldedAndAPoisonSignalIsDeadLettered() {
        String acc = account();
        Instant t = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String esc = "esc-" + acc;
        KafkaTestSupport.sendCloudEvent(Topics.ACCOUNT_SIGNALS, esc, "rapport.signal.escalation-opened.v1", acc,
                "{\"occurredAt\":\"" + t + "\",\"data\":{\"escalationId\":\"ESC-7\"}}");
        String poison = "bad-" + acc;
        KafkaTestSupport.sendCloudEvent(Topics.ACCOUNT_SIGNALS, poison, "rapport.signal.nps-recorded.v1", acc,
                "{\"occurredAt\":\"" + t + "\",\"data\":{\"score\":11}}");
        KafkaTestSupport.sendCloudEvent(Topics.ACCOUNT_SIGNALS, "nps-" + acc, "rapport.signal.nps-recorded.v1", acc,
                "{\"occurredAt\":\"" + t + "\",\"data\":{\"score\":4}}");

        await().atMost(WAIT).untilAsserted(() -> as(PM).get("/api/accounts/" + acc).then().statusCode(200)
                .body("situation.escalations.escalationId", hasItem("ESC-7"))
                .body("situation.nps.score", equalTo(4)));

        String dlq = Topics.deadLetter("advocate-service", Topics.ACCOUNT_SIGNALS);
        List<ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil(dlq,
                r -> poison.equals(KafkaTestSupport.header(r, CloudEventHeaders.ID)), l -> !l.isEmpty(), WAIT);
        assertEquals(1, dead.size(), "the poison signal is on " + dlq);
        String reason = KafkaTestSupport.header(dead.get(0), "dead-letter-reason");
        assertNotNull(reason);
        assertTrue(reason.contains("data.score"), reason);
    }

    @Test
    void badSignalsAreRefusedWithTheFieldsNamed() {
        String acc = account();
        as(INTEGRATION).contentType(ContentType.JSON)
                .body(Map.of("id", "x", "type", "SUPPORT_CASE_OPENED", "occurredAt", "yesterday",
                        "data", Map.of("priority", "P9")))
                .post("/api/accounts/" + acc + "/signals").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("occurredAt"))
                .body("errors.field", hasItem("data.caseId"))
                .body("errors.field", hasItem("data.priority"));
        as(INTEGRATION).contentType(ContentType.JSON).body(Map.of("id", 5, "type", "NPS_RECORDED",
                        "occurredAt", Instant.now().toString(), "data", Map.of("score", 3), "extra", true))
                .post("/api/accounts/" + acc + "/signals").then().statusCode(400)
                .body("errors.field", hasItem("id")).body("errors.field", hasItem("extra"));
        as(INTEGRATION).contentType(ContentType.JSON).body("[1]")
                .post("/api/accounts/" + acc + "/signals").then().statusCode(400);
        // nothing half-written: the account does not exist
        as(PM).get("/api/accounts/" + acc).then().statusCode(404).contentType(containsString("application/problem+json"));
    }

    @Test
    void onlyProgrammeManagersAdminsAndIntegrationsSendSignals() {
        String acc = account();
        Map<String, Object> s = signal("r-" + acc, "NPS_RECORDED", Instant.now().minusSeconds(5), Map.of("score", 9));
        as(REQUESTER).contentType(ContentType.JSON).body(s).post("/api/accounts/" + acc + "/signals").then().statusCode(403);
        as(TestTokens.bearer("u-olga", Roles.OWNER)).contentType(ContentType.JSON).body(s)
                .post("/api/accounts/" + acc + "/signals").then().statusCode(403);
        as(INTEGRATION).contentType(ContentType.JSON).body(s).post("/api/accounts/" + acc + "/signals")
                .then().statusCode(202);
    }
}
