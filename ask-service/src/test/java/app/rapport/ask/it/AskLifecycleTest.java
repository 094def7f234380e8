package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.ask.service.ExpiryJob;
import app.rapport.events.EventTypes;
import app.rapport.events.advocate.LeavePeriod;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
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
import static app.rapport.ask.it.TestAdvocates.eligibility;
import static app.rapport.ask.it.TestAdvocates.routedAsk;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gate and the life of an ask, against the real broker and Mongo server. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AskLifecycleTest {
    static final String PROBLEM = "application/problem+json";

    @Inject
    ExpiryJob expiry;

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void anEligibleAskIsRoutedToTheOwnerWithTheWholeBody() {
        Adv a = advocate().register();
        createAsk(a, a.requester(), "REFERENCE_CALL", today().plusDays(10)).statusCode(201)
                .header("Location", containsString("/api/asks/"))
                .body("status", equalTo("AWAITING_OWNER"))
                .body("advocateId", equalTo(a.id))
                .body("accountId", equalTo(a.accountId))
                .body("ownerId", equalTo(a.ownerId))
                .body("requesterId", equalTo("u-req-" + a.id.substring(4, 12)))
                .body("activity", equalTo("REFERENCE_CALL"))
                .body("dueBy", equalTo(today().plusDays(10).toString()))
                .body("context.need", equalTo("A reference call about the migration"))
                .body("eligibility.eligible", equalTo(true))
                .body("eligibility.asOf", notNullValue())
                .body("eligibility.checkedAt", notNullValue())
                .body("eligibility.reasons.size()", equalTo(0))
                .body("brief.preferredChannels", contains("VIDEO", "PHONE"))
                .body("brief.asksLast12Months.size()", equalTo(0))
                .body("history.action", contains("requested", "routed"))
                .body("createdAt", notNullValue());
    }

    @Test
    void anAskForAnAdvocateTheGateHasNeverSeenIs422() {
        Adv ghost = advocate();
        createAsk(ghost, ghost.requester(), "REFERENCE_CALL", null).statusCode(422).contentType(PROBLEM)
                .body("detail", containsString(ghost.id));
        eligibility(ghost, "REFERENCE_CALL").statusCode(422).contentType(PROBLEM);
    }

    @Test
    void badInputIs400AndAnalystsMayNotAsk() {
        Adv a = advocate().register();
        createAsk(a, TestTokens.bearer("u-analyst", "analyst"), "REFERENCE_CALL", null).statusCode(403)
                .contentType(PROBLEM);
        createAsk(a, a.requester(), "SKYDIVING", null).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("activity"));
        createAsk(a, a.requester(), "REFERENCE_CALL", today().minusDays(1)).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("dueBy"));
        RestAssured.given().header("Authorization", a.requester()).contentType(ContentType.JSON)
                .body(Map.of("advocateId", a.id, "activity", "REVIEW", "context", Map.of("need", " ")))
                .when().post("/api/asks").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("context.need"));
        RestAssured.given().header("Authorization", a.requester()).contentType(ContentType.JSON)
                .body("{\"advocateId\":\"" + a.id + "\",\"activity\":\"REVIEW\",\"context\":{\"need\":\"x\"},\"email\":\"a@b\"}")
                .when().post("/api/asks").then().statusCode(400).contentType(PROBLEM);
        RestAssured.given().when().get("/api/asks").then().statusCode(401).contentType(PROBLEM);
        // nothing was stored by the refused requests
        RestAssured.given().header("Authorization", a.requester()).queryParam("advocateId", a.id)
                .when().get("/api/asks").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aLeaveScheduledThroughAdvocateEventsBlocksTheNextAskOnLeave() {
        Adv a = advocate().register();
        a.leaves.add(new LeavePeriod("leave-" + UUID.randomUUID(), today().plusDays(2), today().plusDays(9)));
        a.publish(EventTypes.ADVOCATE_LEAVE_SCHEDULED);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                eligibility(a, "REFERENCE_CALL").extract().jsonPath().getList("reasons.code").contains("ON_LEAVE"));
        createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201)
                .body("status", equalTo("BLOCKED"))
                .body("eligibility.eligible", equalTo(false))
                .body("eligibility.reasons.code", contains("ON_LEAVE"))
                .body("eligibility.reasons[0].severity", equalTo("HARD"))
                .body("eligibility.reasons[0].until", equalTo(today().plusDays(10).toString()))
                .body("eligibility.reasons[0].evidence.leaves[0].leaveId", equalTo(a.leaves.get(0).id()))
                .body("eligibility.reasons[0].message", containsString("eligible from " + today().plusDays(10)))
                .body("history.action", contains("requested", "blocked"));
        // a dueBy before the leave starts is fine
        createAsk(a, a.requester(), "REVIEW", today().plusDays(1)).statusCode(201).body("status", equalTo("AWAITING_OWNER"));
    }

    @Test
    void aManualActivityTouchpointMakesTheAdvocateRecentlyAskedButOneDerivedFromAnAskDoesNot() {
        Adv a = advocate().register();
        TestAdvocates.touchpoint(a, "ACTIVITY", "ASK_EVENT", Instant.now().minus(Duration.ofDays(2)), "ask-x",
                UUID.randomUUID().toString());
        TestAdvocates.touchpoint(a, "CHECK_IN", "MANUAL", Instant.now().minus(Duration.ofDays(1)), null,
                UUID.randomUUID().toString());
        TestAdvocates.touchpoint(a, "ACTIVITY", "MANUAL", Instant.now().minus(Duration.ofDays(5)), null,
                UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                !eligibility(a, "REFERENCE_CALL").extract().jsonPath().getList("reasons.code").isEmpty());
        LocalDate used = today().minusDays(5);
        eligibility(a, "REFERENCE_CALL").statusCode(200)
                .body("reasons.code", contains("RECENTLY_ASKED"))
                .body("reasons[0].evidence.lastUse.kind", equalTo("TOUCHPOINT"))
                .body("reasons[0].evidence.daysSince", equalTo(5))
                .body("reasons[0].until", equalTo(used.plusDays(30).toString()));
        createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201)
                .body("status", equalTo("BLOCKED"))
                .body("eligibility.reasons.code", contains("RECENTLY_ASKED"))
                .body("brief.lastTouchpoints[0].type", equalTo("CHECK_IN"))
                .body("brief.daysSinceLastHumanContact", equalTo(1));
    }

    @Test
    void onlyTheCurrentOwnerMaySendAndTheSentAskCountsAsUse() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REFERENCE_CALL");
        action(ask, "send", TestTokens.bearer("u-someone-else", "owner"), Map.of("channel", "VIDEO")).statusCode(403)
                .contentType(PROBLEM);
        action(ask, "send", a.requester(), Map.of("channel", "VIDEO")).statusCode(403);
        action(ask, "send", a.owner(), Map.of("channel", "CARRIER_PIGEON")).statusCode(400).contentType(PROBLEM);
        action(ask, "send", a.owner(), Map.of("channel", "VIDEO", "note", "asked at lunch")).statusCode(200)
                .body("status", equalTo("SENT")).body("channel", equalTo("VIDEO")).body("sentAt", notNullValue());
        // the send is a use: the next ask for this advocate is recently asked (and DUPLICATE for the open one)
        eligibility(a, "CASE_STUDY").statusCode(200)
                .body("reasons.code", contains("WORKLOAD", "RECENTLY_ASKED"))
                .body("reasons[1].evidence.lastUse.askId", equalTo(ask))
                .body("reasons[1].message", containsString("Last asked today"));
    }

    @Test
    void sendRunsTheGateAgainAndRefusesWith409WhenTheAskBecameBlocked() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REFERENCE_CALL");
        a.leaves.add(new LeavePeriod("leave-late", today(), today().plusDays(3)));
        a.publish(EventTypes.ADVOCATE_LEAVE_SCHEDULED);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                eligibility(a, "REVIEW").extract().jsonPath().getList("reasons.code").contains("ON_LEAVE"));
        action(ask, "send", a.owner(), Map.of("channel", "PHONE")).statusCode(409).contentType(PROBLEM)
                .body("reasons.code", contains("ON_LEAVE"))
                .body("reasons[0].until", equalTo(today().plusDays(4).toString()));
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + ask).then()
                .statusCode(200).body("status", equalTo("AWAITING_OWNER"));
    }

    @Test
    void overridingAHardReasonIs409AndASoftOneIsAuditedAndThenSendable() {
        Adv paused = advocate();
        paused.status = "PAUSED";
        paused.register();
        String blocked = createAsk(paused, paused.requester(), "REFERENCE_CALL", null).statusCode(201)
                .body("status", equalTo("BLOCKED")).extract().path("id");
        action(blocked, "override", paused.owner(), Map.of("reason", "they said yes on the phone")).statusCode(409)
                .contentType(PROBLEM).body("reasons.code", hasItem("ADVOCATE_INACTIVE"));
        action(blocked, "override", paused.owner(), Map.of("reason", "")).statusCode(400);

        Adv busy = advocate();
        busy.busyUntil = today().plusDays(3);
        busy.register();
        String soft = createAsk(busy, busy.requester(), "CASE_STUDY", null).statusCode(201)
                .body("status", equalTo("BLOCKED")).body("eligibility.reasons.code", contains("BUSY"))
                .body("eligibility.reasons[0].severity", equalTo("SOFT")).extract().path("id");
        action(soft, "override", TestTokens.bearer("u-not-owner", "owner"), Map.of("reason", "x")).statusCode(403);
        action(soft, "override", busy.owner(), Map.of("reason", "The project ends Friday; they asked to be asked"))
                .statusCode(200).body("status", equalTo("AWAITING_OWNER"))
                .body("overriddenCodes", contains("BUSY"))
                .body("history.action", contains("requested", "blocked", "overridden"))
                .body("history[2].note", containsString("The project ends Friday"))
                .body("history[2].by", equalTo(busy.ownerId));
        // the overridden reason does not stop the send
        action(soft, "send", busy.owner(), Map.of("channel", "IN_PERSON")).statusCode(200).body("status", equalTo("SENT"));
    }

    @Test
    void transitionsTheStateMachineDoesNotAllowAre409() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REFERENCE_CALL");
        action(ask, "complete", a.owner(), Map.of()).statusCode(409).contentType(PROBLEM)
                .body("status", equalTo("AWAITING_OWNER"));
        action(ask, "response", a.owner(), Map.of("accepted", true)).statusCode(409);
        action(ask, "override", a.owner(), Map.of("reason", "x")).statusCode(409);
        action(ask, "decline", a.owner(), Map.of("reason", "Bad timing for them")).statusCode(200)
                .body("status", equalTo("DECLINED_BY_OWNER"));
        action(ask, "send", a.owner(), Map.of("channel", "VIDEO")).statusCode(409).body("status", equalTo("DECLINED_BY_OWNER"));
        action(ask, "cancel", a.requester(), Map.of()).statusCode(409);
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        // a declined ask frees the slots: a new one for the same activity is routed
        createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201).body("status", equalTo("AWAITING_OWNER"));
    }

    @Test
    void cancelIsForTheRequesterOwnerOrProgrammeManagers() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REVIEW");
        action(ask, "cancel", TestTokens.bearer("u-stranger", "requester"), Map.of()).statusCode(403);
        action(ask, "cancel", a.requester(), Map.of("reason", "deal lost")).statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void anAskLeftAwaitingItsOwnerPastItsDueByExpires() {
        Adv a = advocate().register();
        String ask = createAsk(a, a.requester(), "REFERENCE_CALL", today()).statusCode(201)
                .body("status", equalTo("AWAITING_OWNER")).extract().path("id");
        String fresh = createAsk(a, a.requester(), "CASE_STUDY", null).statusCode(201).extract().path("id");
        // the same pass run twice (two instances) expires it once
        expiry.runAt(Instant.now().plus(Duration.ofDays(1)));
        expiry.runAt(Instant.now().plus(Duration.ofDays(1)));
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + ask).then()
                .statusCode(200).body("status", equalTo("EXPIRED"))
                .body("history.action", contains("requested", "routed", "expired"));
        assertEquals("BLOCKED", RestAssured.given().header("Authorization", a.owner()).when()
                .get("/api/asks/" + fresh).then().extract().path("status"), "the second ask hit the workload cap");
        // 14 days awaiting the owner
        Adv b = advocate().register();
        String old = routedAsk(b, "REVIEW");
        expiry.runAt(Instant.now().plus(Duration.ofDays(14)).plus(Duration.ofMinutes(1)));
        RestAssured.given().header("Authorization", b.owner()).when().get("/api/asks/" + old).then()
                .body("status", equalTo("EXPIRED"));
        action(old, "send", b.owner(), Map.of("channel", "VIDEO")).statusCode(409);
    }

    @Test
    void anOwnerChangeMovesOpenAsksToTheNewOwner() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REFERENCE_CALL");
        String oldOwner = a.owner();
        a.ownerId = "u-new-owner-" + UUID.randomUUID().toString().substring(0, 8);
        a.publish(EventTypes.ADVOCATE_OWNER_CHANGED);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                a.ownerId.equals(RestAssured.given().header("Authorization", oldOwner).when().get("/api/asks/" + ask)
                        .then().extract().path("ownerId")));
        action(ask, "send", oldOwner, Map.of("channel", "VIDEO")).statusCode(403);
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/inbox").then().statusCode(200)
                .body("items.id", contains(ask)).body("items[0].brief", notNullValue()).body("total", equalTo(1));
        RestAssured.given().header("Authorization", oldOwner).when().get("/api/asks/inbox").then().statusCode(200)
                .body("total", equalTo(0));
        action(ask, "send", a.owner(), Map.of("channel", "VIDEO")).statusCode(200)
                .body("history.action", hasItem("reassigned"));
    }

    @Test
    void theInboxListsTheCallersAwaitingAsksOldestFirstWithTheirBrief() {
        Adv a = advocate();
        a.ownerId = "u-inbox-" + UUID.randomUUID().toString().substring(0, 8);
        a.register();
        Adv b = advocate();
        b.ownerId = a.ownerId;
        b.register();
        String first = routedAsk(a, "REFERENCE_CALL");
        String second = routedAsk(b, "REVIEW");
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/inbox").then().statusCode(200)
                .body("items.id", contains(first, second))
                .body("items.status", everyItem(equalTo("AWAITING_OWNER")))
                .body("items.brief.preferredChannels", everyItem(notNullValue()))
                .body("page", equalTo(0)).body("size", equalTo(20)).body("total", equalTo(2));
        RestAssured.given().header("Authorization", a.owner()).queryParam("size", "500").when().get("/api/asks/inbox")
                .then().statusCode(400).contentType(PROBLEM);
        RestAssured.given().header("Authorization", a.owner()).queryParam("ownerId", a.ownerId)
                .queryParam("status", "AWAITING_OWNER").when().get("/api/asks").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].brief", nullValue());
        RestAssured.given().header("Authorization", a.owner()).queryParam("status", "NOPE").when().get("/api/asks")
                .then().statusCode(400).body("errors.field", contains("status"));
    }

    @Test
    void theBriefShowsEarlierAsksAndThankYousOwed() {
        Adv a = advocate().register();
        String ask = routedAsk(a, "REFERENCE_CALL");
        action(ask, "send", a.owner(), Map.of("channel", "VIDEO")).statusCode(200);
        action(ask, "response", a.owner(), Map.of("accepted", true)).statusCode(200).body("status", equalTo("ACCEPTED"));
        action(ask, "complete", a.owner(), Map.of("note", "went well")).statusCode(200).body("status", equalTo("COMPLETED"));
        String next = createAsk(a, a.requester(), "CASE_STUDY", null).statusCode(201)
                .body("brief.asksLast12Months[0].id", equalTo(ask))
                .body("brief.asksLast12Months[0].outcome", equalTo("completed"))
                .body("brief.thankYousOwed", contains(ask))
                // the same facts in words, for the owner
                .body("brief.summary", org.hamcrest.Matchers.containsString(
                        "has been asked once in the last 12 months: a reference call for Deal 42 (completed)."))
                .body("brief.summary", org.hamcrest.Matchers.containsString("a thank-you for the Deal 42 reference call."))
                .body("brief.mentions[0]", equalTo("Needed: a case study for Deal 42: A reference call about the migration"))
                .extract().path("id");
        TestAdvocates.touchpoint(a, "THANK_YOU", "MANUAL", Instant.now(), ask, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + next).then()
                        .extract().jsonPath().getList("brief.thankYousOwed").isEmpty());
        RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + next).then().statusCode(200)
                .body("brief.summary", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("owe")))
                .body("brief.summary", org.hamcrest.Matchers.containsString("was today (a thank-you), not by you."))
                .body("brief.mentions", org.hamcrest.Matchers.hasItem("Last thanked today for a reference call"));
        List<String> codes = RestAssured.given().header("Authorization", a.owner()).when().get("/api/asks/" + next)
                .then().extract().jsonPath().getList("eligibility.reasons.code");
        assertEquals(List.of("RECENTLY_ASKED"), codes);
    }
}
