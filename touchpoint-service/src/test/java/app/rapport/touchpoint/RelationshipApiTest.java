package app.rapport.touchpoint;

import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import app.rapport.touchpoint.repository.TouchpointRepository;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Relationship health through the API at the window boundaries, and the order of the attention list. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class RelationshipApiTest {
    @Inject
    AdvocateProjectionRepository advocates;

    @Inject
    TouchpointRepository touchpoints;

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static Instant day(int daysAgo, int hour, int minute) {
        return today().minusDays(daysAgo).atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    @Test
    void healthFiguresAreRightAtTheBoundaries() {
        String advocateId = Fixtures.newId("adv");
        Fixtures.knownAdvocate(advocates, advocateId, Fixtures.OWNER, "ACTIVE");
        // asks come from ask-events: one on the first minute of the day 90 days ago (in), one on the last of 91 (out)
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, UUID.randomUUID().toString(), EventTypes.ASK_SENT,
                advocateId, Fixtures.askEventJson("ask-in", advocateId, "SENT", day(90, 0, 0)));
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, UUID.randomUUID().toString(), EventTypes.ASK_SENT,
                advocateId, Fixtures.askEventJson("ask-out", advocateId, "SENT", day(91, 23, 59)));
        Fixtures.record(advocateId, "THANK_YOU", day(90, 0, 0), null, null); // give, in
        Fixtures.record(advocateId, "CHECK_IN", day(91, 23, 59), null, null); // give, out
        // a completed ask thanked the same day, earlier that day
        Fixtures.record(advocateId, "ACTIVITY", day(10, 23, 0), "ask-thanked", null);
        Fixtures.record(advocateId, "THANK_YOU", day(10, 0, 1), null, "thanks for the call!");
        // a completed ask nine days ago with no thank-you since
        Fixtures.record(advocateId, "ACTIVITY", day(9, 12, 0), "ask-owed", null);
        Fixtures.record(advocateId, "NOTE", day(0, 0, 0), null, "notes are not contact");
        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.collection()
                .countDocuments(Filters.eq("advocateId", advocateId)) == 8);

        given().header("Authorization", TestTokens.bearer("u-analyst", "analyst"))
                .when().get("/api/advocates/" + advocateId + "/relationship")
                .then().statusCode(200)
                .body("advocateId", equalTo(advocateId))
                .body("lastHumanTouchAt", equalTo(day(9, 12, 0).toString()))
                .body("daysSinceHumanTouch", equalTo(9))
                .body("asksLast90d", equalTo(1))
                .body("givesLast90d", equalTo(2))
                .body("pendingThankYous", contains("ask-owed"))
                .body("outcomesToShare", hasSize(0))
                .body("needsAttention", equalTo(true))
                .body("why", contains("Thank-you owed for 9 days for ask ask-owed (completed on "
                        + today().minusDays(9) + ")"));
    }

    @Test
    void anAdvocateWithNoTouchpointsNeedsAHello() {
        String advocateId = Fixtures.newId("adv");
        Fixtures.knownAdvocate(advocates, advocateId, Fixtures.OWNER, "ACTIVE");
        given().header("Authorization", TestTokens.bearer("u-req", "requester"))
                .when().get("/api/advocates/" + advocateId + "/relationship")
                .then().statusCode(200)
                .body("lastHumanTouchAt", nullValue())
                .body("daysSinceHumanTouch", nullValue())
                .body("pendingThankYous", hasSize(0))
                .body("needsAttention", equalTo(true))
                .body("why", contains("No human contact recorded yet"));
        given().header("Authorization", TestTokens.bearer("u-req", "requester"))
                .when().get("/api/advocates/" + Fixtures.newId("nobody") + "/relationship")
                .then().statusCode(404);
    }

    @Test
    void theAttentionListPutsTheLongestOwedThankYouFirstThenTheLongestSilence() {
        String owner = "u-own-" + UUID.randomUUID();
        String a = Fixtures.newId("a-owed20");
        String b = Fixtures.newId("b-owed10");
        String c = Fixtures.newId("c-silent100");
        String d = Fixtures.newId("d-never");
        String e = Fixtures.newId("e-fine");
        String f = Fixtures.newId("f-retired");
        String g = Fixtures.newId("g-other-owner");
        String h = Fixtures.newId("h-silent70");
        for (String id : List.of(a, b, c, d, e, h)) {
            Fixtures.publishAdvocate(id, owner, "ACTIVE", 1);
        }
        Fixtures.publishAdvocate(f, owner, "RETIRED", 1);
        Fixtures.publishAdvocate(g, "u-someone-else", "ACTIVE", 1);
        for (String id : List.of(a, b, c, d, e, f, g, h)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> advocates.find(id).isPresent());
        }
        Fixtures.record(a, "ACTIVITY", day(20, 12, 0), "ask-a", null);
        Fixtures.record(b, "ACTIVITY", day(10, 12, 0), "ask-b", null);
        Fixtures.record(b, "THANK_YOU", day(11, 12, 0), null, null); // the day before: does not count
        Fixtures.record(c, "CALL", day(100, 12, 0), null, null);
        Fixtures.record(e, "CALL", day(5, 12, 0), null, null);
        Fixtures.record(h, "MEETING", day(70, 12, 0), null, null);
        Fixtures.record(h, "NOTE", day(1, 12, 0), null, "a note is not contact");

        given().header("Authorization", TestTokens.bearer(owner, "owner"))
                .when().get("/api/relationships/attention")
                .then().statusCode(200)
                .body("items.advocateId", contains(a, b, d, c, h))
                .body("total", equalTo(5))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("items[0].thankYouOwedDays", equalTo(20))
                .body("items[0].pendingThankYous", contains("ask-a"))
                .body("items[0].reasons", contains("THANK_YOU_OVERDUE"))
                .body("items[0].outcomesToShare", hasSize(0))
                .body("items[2].reasons", contains("NO_RECENT_CONTACT"))
                .body("items[0].name", equalTo("Name of " + a))
                .body("items[2].daysSinceHumanTouch", nullValue())
                .body("items[3].why", hasItem(containsString("No human contact for 100 days")));

        given().header("Authorization", TestTokens.bearer("u-pm", "programme-manager"))
                .queryParam("ownerId", owner).queryParam("page", 1).queryParam("size", 2)
                .when().get("/api/relationships/attention")
                .then().statusCode(200)
                .body("items.advocateId", contains(d, c))
                .body("total", equalTo(5));
    }

    /** The relationship of the advocate, as any authenticated role sees it. */
    static io.restassured.response.ValidatableResponse relationship(String advocateId) {
        return given().header("Authorization", TestTokens.bearer("u-analyst", "analyst"))
                .when().get("/api/advocates/" + advocateId + "/relationship")
                .then().statusCode(200);
    }

    static io.restassured.response.ValidatableResponse attention(String owner) {
        return given().header("Authorization", TestTokens.bearer(owner, "owner"))
                .when().get("/api/relationships/attention")
                .then().statusCode(200);
    }

    /** Publishes an ask event behind the others of the advocate (same partition) and waits until it is applied. */
    void awaitMarker(String advocateId) {
        String markerId = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, markerId, EventTypes.ASK_ACCEPTED, advocateId,
                Fixtures.askEventJson(Fixtures.newId("ask-marker"), advocateId, "ACCEPTED", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.findById("tp-" + markerId).isPresent());
    }

    @Test
    void anOutcomeIsToShareUntilAThankYouNamingTheAskAndOnlyAChangedResultReopensIt() {
        String owner = "u-own-" + UUID.randomUUID();
        String advocateId = Fixtures.newId("adv");
        Fixtures.knownAdvocate(advocates, advocateId, owner, "ACTIVE");
        String askId = Fixtures.newId("ask");
        // completed five days ago and thanked that day: nothing is owed
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, UUID.randomUUID().toString(), EventTypes.ASK_COMPLETED,
                advocateId, Fixtures.askEventJson(askId, advocateId, "COMPLETED", day(5, 9, 0)));
        Fixtures.record(advocateId, "THANK_YOU", day(5, 17, 0), askId, null);
        // the requester records that the deal was won, three days ago
        Fixtures.publishOutcome(advocateId, UUID.randomUUID().toString(), askId, OutcomeResult.WON, null,
                "250000", day(3, 10, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.collection().countDocuments(
                Filters.and(Filters.eq("advocateId", advocateId), Filters.eq("type", "OUTCOME"))) == 1);

        String why = "Outcome to share: ask " + askId + " (REFERENCE_CALL) was recorded as WON on "
                + today().minusDays(3) + "; tell them it helped";
        relationship(advocateId)
                .body("pendingThankYous", hasSize(0))
                .body("outcomesToShare", contains(askId))
                .body("needsAttention", equalTo(true))
                .body("why", contains(why));
        attention(owner)
                .body("items.advocateId", contains(advocateId))
                .body("items[0].outcomesToShare", contains(askId))
                .body("items[0].reasons", contains("OUTCOME_TO_SHARE"))
                .body("items[0].why", contains(why))
                .body("items[0].thankYouOwedDays", nullValue());
        // the outcome is on the timeline, with its result
        given().header("Authorization", TestTokens.bearer("u-analyst", "analyst"))
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(200)
                .body("items.find { it.type == 'OUTCOME' }.outcome", equalTo("WON"))
                .body("items.find { it.type == 'OUTCOME' }.askId", equalTo(askId))
                .body("items.find { it.type == 'OUTCOME' }.source", equalTo("ASK_EVENT"));

        // a thank-you without the askId does not tell them about this ask
        Fixtures.record(advocateId, "THANK_YOU", day(2, 10, 0), null, null);
        relationship(advocateId).body("outcomesToShare", contains(askId));

        // the owner tells them, two days ago, naming the ask
        Fixtures.record(advocateId, "THANK_YOU", day(2, 11, 0), askId, "Told her the Globex deal was won");
        relationship(advocateId)
                .body("outcomesToShare", hasSize(0))
                .body("needsAttention", equalTo(false))
                .body("why", hasSize(0));
        attention(owner).body("items", hasSize(0)).body("total", equalTo(0));

        // a correction of only the amount, recorded today, does not re-open it
        Fixtures.publishOutcome(advocateId, UUID.randomUUID().toString(), askId, OutcomeResult.WON, OutcomeResult.WON,
                "260000", day(0, 0, 1));
        awaitMarker(advocateId);
        relationship(advocateId).body("outcomesToShare", hasSize(0)).body("needsAttention", equalTo(false));

        // a correction that changes the result, recorded today, has to be shared again
        String correction = UUID.randomUUID().toString();
        Fixtures.publishOutcome(advocateId, correction, askId, OutcomeResult.LOST, OutcomeResult.WON, "260000",
                day(0, 0, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> touchpoints.findById("tp-" + correction).isPresent());
        relationship(advocateId)
                .body("outcomesToShare", contains(askId))
                .body("why", contains("Outcome to share: ask " + askId + " (REFERENCE_CALL) was recorded as LOST on "
                        + today() + "; tell them how it ended"));
        // a check-in naming the ask, today, settles it
        Fixtures.record(advocateId, "CHECK_IN", Instant.now(), askId, null);
        relationship(advocateId).body("outcomesToShare", hasSize(0));
    }
}
