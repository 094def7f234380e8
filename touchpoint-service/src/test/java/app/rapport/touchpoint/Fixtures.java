package app.rapport.touchpoint;

import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AccountRef;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.TestTokens;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import app.rapport.touchpoint.repository.KnownAdvocate;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Test data the way it arrives in production: advocates and asks over Kafka, touchpoints over REST. */
final class Fixtures {
    static final String OWNER = "u-owner";

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static void publishAdvocate(String advocateId, String ownerId, String status, long version) {
        AdvocateSnapshot s = new AdvocateSnapshot(advocateId, null, "Name of " + advocateId, "CTO",
                new AccountRef("acc-1", "Acme", null, null, null), ownerId, AdvocateStatus.valueOf(status),
                List.of(Activity.REFERENCE_CALL),
                List.of(), List.of(), null, null, List.of(), version);
        AdvocateEvent e = new AdvocateEvent(s, null, null, null, List.of(), "u-pm", Instant.now());
        KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, UUID.randomUUID().toString(),
                version == 1 ? EventTypes.ADVOCATE_REGISTERED : EventTypes.ADVOCATE_UPDATED, advocateId,
                EventJson.write(e));
    }

    /** Publishes the advocate and waits until the projection has that version. */
    static void knownAdvocate(AdvocateProjectionRepository repo, String advocateId, String ownerId, String status) {
        publishAdvocate(advocateId, ownerId, status, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> repo.find(advocateId).isPresent());
    }

    static void awaitVersion(AdvocateProjectionRepository repo, String advocateId, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> repo.find(advocateId).map(KnownAdvocate::version)
                .orElse(-1L) == version);
    }

    /**
     * The value of an ask lifecycle event as ask-service writes it for an ask now in {@code status}: the
     * fields every type carries, the channel of a sent ask and the answer of an accepted one.
     */
    static String askEventJson(String askId, String advocateId, String status, Instant at) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("askId", askId);
        e.put("advocateId", advocateId);
        e.put("accountId", "acc-1");
        e.put("requesterId", "u-req");
        e.put("ownerId", OWNER);
        e.put("activity", Activity.REFERENCE_CALL);
        e.put("status", status);
        if ("SENT".equals(status)) {
            e.put("channel", Channel.PHONE);
        }
        if ("ACCEPTED".equals(status)) {
            e.put("accepted", true);
        }
        e.put("by", OWNER);
        e.put("at", at);
        return EventJson.write(e);
    }

    /** The value of rapport.ask.outcome-recorded.v1 for an ask of advocateId. */
    static String outcomeEventJson(String askId, String advocateId, OutcomeResult result, OutcomeResult previous,
            String amount, Instant at) {
        return EventJson.write(new AskOutcomeRecordedEvent(askId, advocateId, "acc-1", "u-req", OWNER,
                Activity.REFERENCE_CALL, result, previous, amount == null ? null : new BigDecimal(amount),
                amount == null ? null : "EUR", LocalDate.ofInstant(at, ZoneOffset.UTC), previous != null, "u-req", at));
    }

    static void publishOutcome(String advocateId, String ceId, String askId, OutcomeResult result,
            OutcomeResult previous, String amount, Instant at) {
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, ceId, EventTypes.ASK_OUTCOME_RECORDED, advocateId,
                outcomeEventJson(askId, advocateId, result, previous, amount, at));
    }

    static Response post(String bearer, Map<String, Object> body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().post("/api/touchpoints");
    }

    /** Records a touchpoint as the owner and returns its id. */
    static String record(String advocateId, String type, Instant occurredAt, String askId, String note) {
        java.util.HashMap<String, Object> body = new java.util.HashMap<>();
        body.put("advocateId", advocateId);
        body.put("type", type);
        body.put("occurredAt", occurredAt.toString());
        Optional.ofNullable(askId).ifPresent(a -> body.put("askId", a));
        Optional.ofNullable(note).ifPresent(n -> body.put("note", n));
        return post(TestTokens.bearer(OWNER, "owner"), body).then().statusCode(201).extract().path("id");
    }

    private Fixtures() {
    }
}
