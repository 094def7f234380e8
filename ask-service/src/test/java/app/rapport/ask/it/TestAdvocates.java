package app.rapport.ask.it;

import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AccountRef;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.advocate.LeavePeriod;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Publishes advocate and touchpoint events the way the other services do, and calls the ask API. */
public final class TestAdvocates {

    /** A mutable advocate whose snapshot is published on advocate-events. */
    public static final class Adv {
        public final String id = "adv-" + UUID.randomUUID();
        public String accountId = "acc-" + UUID.randomUUID();
        public String ownerId = "u-owner-" + UUID.randomUUID().toString().substring(0, 8);
        public String status = "ACTIVE";
        public List<String> activities = new ArrayList<>(List.of("REFERENCE_CALL", "CASE_STUDY", "REVIEW"));
        public List<String> tags = new ArrayList<>(List.of("fintech"));
        public List<LeavePeriod> leaves = new ArrayList<>();
        public LocalDate busyUntil;
        public Integer maxAsksPerQuarter;
        public String industry = "Banking";
        public String region = "EMEA";
        public long version;
        public Map<String, LocalDate> consents = new java.util.LinkedHashMap<>();

        public AdvocateSnapshot snapshot() {
            return new AdvocateSnapshot(id, null, "Test Advocate", "CFO",
                    new AccountRef(accountId, "Acme", industry, region, "ENTERPRISE"), ownerId,
                    AdvocateStatus.valueOf(status), activities.stream().map(Activity::valueOf).toList(), tags,
                    leaves, busyUntil, maxAsksPerQuarter, List.of(Channel.VIDEO, Channel.PHONE), version,
                    consents.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                            e -> Activity.valueOf(e.getKey()), Map.Entry::getValue)));
        }

        /** Publishes the current state as an event of {@code type} and returns its ce_id. */
        public String publish(String type) {
            version++;
            String eventId = UUID.randomUUID().toString();
            publishWithId(type, eventId);
            return eventId;
        }

        public void publishWithId(String type, String eventId) {
            AdvocateEvent e = new AdvocateEvent(snapshot(), null, null, null, List.of(), "u-pm", Instant.now());
            KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, eventId, type, id, EventJson.write(e));
        }

        /** Registers the advocate and waits until the gate knows them. */
        public Adv register() {
            publish(EventTypes.ADVOCATE_REGISTERED);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> eligibility(this, "REFERENCE_CALL").extract().statusCode() == 200);
            return this;
        }

        public String requester() {
            return TestTokens.bearer("u-req-" + id.substring(4, 12), "requester");
        }

        public String owner() {
            return TestTokens.bearer(ownerId, "owner");
        }
    }

    public static Adv advocate() {
        return new Adv();
    }

    public static ValidatableResponse eligibility(Adv a, String activity) {
        return RestAssured.given().header("Authorization", TestTokens.bearer("u-req", "requester"))
                .queryParam("advocateId", a.id).queryParam("activity", activity)
                .when().get("/api/eligibility").then();
    }

    public static void touchpoint(Adv a, String type, String source, Instant at, String askId, String eventId) {
        TouchpointRecordedEvent t = new TouchpointRecordedEvent("tp-" + UUID.randomUUID(), a.id,
                TouchpointType.valueOf(type), at, Channel.VIDEO, "u-someone", askId, Activity.REFERENCE_CALL, source);
        KafkaTestSupport.sendCloudEvent(Topics.TOUCHPOINT_EVENTS, eventId, EventTypes.TOUCHPOINT_RECORDED, a.id,
                EventJson.write(t));
    }

    public static ValidatableResponse createAsk(Adv a, String auth, String activity, LocalDate dueBy) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("advocateId", a.id);
        body.put("activity", activity);
        if (dueBy != null) {
            body.put("dueBy", dueBy.toString());
        }
        body.put("context", Map.of("opportunity", "Deal 42", "need", "A reference call about the migration"));
        return RestAssured.given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .when().post("/api/asks").then();
    }

    public static String routedAsk(Adv a, String activity) {
        return createAsk(a, a.requester(), activity, null).statusCode(201).extract().path("id");
    }

    public static ValidatableResponse action(String askId, String action, String auth, Object body) {
        return RestAssured.given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .when().post("/api/asks/" + askId + "/" + action).then();
    }

    private TestAdvocates() {
    }
}
