package app.rapport.touchpoint;

import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** POST and GET /api/touchpoints: the happy path and every 4xx. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class TouchpointApiTest {
    @Inject
    AdvocateProjectionRepository advocates;

    String advocateId;

    @BeforeEach
    void advocate() {
        advocateId = Fixtures.newId("adv");
        Fixtures.knownAdvocate(advocates, advocateId, Fixtures.OWNER, "ACTIVE");
    }

    Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("advocateId", advocateId);
        m.put("type", "CHECK_IN");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void anOwnerRecordsATouchpointAndReadsItBack() {
        Instant when = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        String note = "Coffee; she's <b>busy</b> with the Q4 launch\nask again in January";
        String location = Fixtures.post(TestTokens.bearer("u-olivia", "owner"),
                        body("type", "MEETING", "channel", "IN_PERSON", "occurredAt", when.toString(), "note", note,
                                "askId", "ask-1"))
                .then().statusCode(201)
                .header("Location", containsString("/api/touchpoints/tp-"))
                .body("advocateId", equalTo(advocateId))
                .body("type", equalTo("MEETING"))
                .body("channel", equalTo("IN_PERSON"))
                .body("occurredAt", equalTo(when.toString()))
                .body("byUserId", equalTo("u-olivia"))
                .body("source", equalTo("MANUAL"))
                .body("note", equalTo(note))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().header("Authorization", TestTokens.bearer("u-anyone", "analyst"))
                .when().get("/api/touchpoints/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("note", equalTo(note))
                .body("askId", equalTo("ask-1"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("outbox")));
    }

    @Test
    void occurredAtDefaultsToNowAndAManualActivityMayNameItsActivity() {
        Instant before = Instant.now().minusSeconds(1);
        String occurred = Fixtures.post(TestTokens.bearer("u-pm", "programme-manager"),
                        body("type", "ACTIVITY", "activity", "CASE_STUDY"))
                .then().statusCode(201)
                .body("activity", equalTo("CASE_STUDY"))
                .extract().path("occurredAt");
        org.junit.jupiter.api.Assertions.assertFalse(Instant.parse(occurred).isBefore(before));
        Fixtures.post(TestTokens.bearer("u-admin", "admin"), body("type", "NOTE", "occurredAt",
                Instant.now().plus(Duration.ofMinutes(4)).toString())).then().statusCode(201);
    }

    @Test
    void invalidFieldsAre400WithTheirNames() {
        String bearer = TestTokens.bearer(Fixtures.OWNER, "owner");
        Fixtures.post(bearer, body("type", "HUG", "channel", "PIGEON", "note", "x".repeat(2001),
                        "occurredAt", Instant.now().plus(Duration.ofMinutes(6)).toString()))
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors.field", hasItems("type", "channel", "note"));
        Fixtures.post(bearer, body("type", "HUG", "channel", "PIGEON",
                        "occurredAt", Instant.now().plus(Duration.ofMinutes(6)).toString()))
                .then().statusCode(400)
                .body("errors.field", hasItems("type", "channel", "occurredAt"))
                .body("errors.find { it.field == 'type' }.message", containsString("CHECK_IN"));
        Fixtures.post(bearer, body("type", "ASK_SENT"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("automatically"));
        Fixtures.post(bearer, body("type", "ASK_ANSWERED")).then().statusCode(400);
        Fixtures.post(bearer, body("type", "OUTCOME"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("automatically"));
        Fixtures.post(bearer, body("type", "CHECK_IN", "outcome", "WON"))
                .then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        Fixtures.post(bearer, body("advocateId", " ", "type", null))
                .then().statusCode(400)
                .body("errors.field", hasItems("advocateId", "type"));
        Fixtures.post(bearer, body("occurredAt", "yesterday"))
                .then().statusCode(400).body("errors[0].field", equalTo("occurredAt"));
        Fixtures.post(bearer, body("note", "bell\u0007"))
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        Fixtures.post(bearer, body("type", "CALL", "activity", "CASE_STUDY"))
                .then().statusCode(400).body("errors[0].field", equalTo("activity"));
        Fixtures.post(bearer, body("byUserId", "someone-else"))
                .then().statusCode(400).body("errors[0].field", equalTo("byUserId"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body("{not json")
                .when().post("/api/touchpoints").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .when().post("/api/touchpoints").then().statusCode(400);
    }

    @Test
    void aNoteOfExactly2000CharactersIsAcceptedAnd2001IsNot() {
        Fixtures.post(TestTokens.bearer(Fixtures.OWNER, "owner"), body("type", "NOTE", "note", "😀".repeat(2001)))
                .then().statusCode(400).body("errors[0].field", equalTo("note"))
                .body("errors[0].message", containsString("2000"));
        Fixtures.post(TestTokens.bearer(Fixtures.OWNER, "owner"), body("type", "NOTE", "note", "é".repeat(1000) + "😀".repeat(1000)))
                .then().statusCode(201);
    }

    @Test
    void withoutATokenIs401AndWithTheWrongRoleIs403() {
        given().contentType(ContentType.JSON).body(body())
                .when().post("/api/touchpoints")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        Fixtures.post(TestTokens.bearer("u-x", "owner").replace("Bearer ", "Bearer x"), body())
                .then().statusCode(401);
        Fixtures.post("Bearer " + TestTokens.expired("u-x", "owner"), body()).then().statusCode(401);
        Fixtures.post(TestTokens.bearer("u-req", "requester", "analyst"), body())
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().when().get("/api/touchpoints/whatever").then().statusCode(401);
        given().when().get("/api/advocates/" + advocateId + "/timeline").then().statusCode(401);
        given().when().get("/api/relationships/attention").then().statusCode(401);
    }

    @Test
    void anUnknownAdvocateIs422AndNothingIsWritten() {
        String unknown = Fixtures.newId("adv-nobody");
        Fixtures.post(TestTokens.bearer(Fixtures.OWNER, "owner"), body("advocateId", unknown))
                .then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(422))
                .body("detail", containsString(unknown))
                .body("detail", containsString("not known"));
        given().header("Authorization", TestTokens.bearer(Fixtures.OWNER, "owner"))
                .when().get("/api/advocates/" + unknown + "/timeline")
                .then().statusCode(404);
    }

    @Test
    void anUnknownTouchpointIs404() {
        given().header("Authorization", TestTokens.bearer(Fixtures.OWNER, "owner"))
                .when().get("/api/touchpoints/tp-nope")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void badTimelineParametersAre400() {
        String bearer = TestTokens.bearer(Fixtures.OWNER, "owner");
        given().header("Authorization", bearer).queryParam("limit", 201)
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", bearer).queryParam("limit", "ten")
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", bearer).queryParam("before", "garbage!")
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(400).body("errors.field", hasItem("before"));
        given().header("Authorization", bearer)
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(200).body("nextBefore", nullValue());
        given().header("Authorization", bearer).queryParam("size", 500)
                .when().get("/api/relationships/attention")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
    }
}
