package app.rapport.system;

import app.rapport.testing.PackagedStack;
import app.rapport.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The second batch across the packaged services, through the gateway only: a support tool's signal
 * about an account reaches the gate and the owner's brief, and its close lifts the block; the outcome
 * of a completed ask comes back to the owner as a reminder to tell the advocate, is settled by the
 * owner's thank-you, and counts in the influenced pipeline of the ops summary.
 */
class AccountAndOutcomeJourneyIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static PackagedStack stack;
    static final String PM = "u-pam";
    static final String OWNER = "u-olga";
    static final String REQUESTER = "u-rosa";

    @BeforeAll
    static void start() {
        stack = PackagedStack.get();
    }

    static RequestSpecification as(String sub, String... roles) {
        return RestAssured.given().baseUri(stack.gatewayUrl())
                .header("Authorization", "Bearer " + TestTokens.token(sub, roles))
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Registers an advocate of a new account, owned by OWNER, and waits until the gate knows them. */
    static String[] advocate() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String accountId = "acc-" + suffix;
        String advocateId = as(PM, "programme-manager").body(Map.of(
                        "externalId", "crm-" + suffix, "name", "Dana Whitfield",
                        "email", "dana." + suffix + "@example.com",
                        "account", Map.of("id", accountId, "name", "Globex " + suffix, "industry", "Logistics",
                                "region", "EMEA", "segment", "Enterprise"),
                        "ownerId", OWNER, "tags", List.of("kafka"), "activities", List.of("REFERENCE_CALL")))
                .when().post("/api/advocates").then().statusCode(201).extract().path("id");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> eligibility(advocateId)
                .statusCode(200).body("eligible", equalTo(true)));
        return new String[] {advocateId, accountId};
    }

    static io.restassured.response.ValidatableResponse eligibility(String advocateId) {
        return as(REQUESTER, "requester").queryParam("advocateId", advocateId).queryParam("activity", "REFERENCE_CALL")
                .when().get("/api/eligibility").then();
    }

    static void signal(String accountId, String id, String type, Instant at, Map<String, Object> data) {
        as("u-zendesk", "integration").body(Map.of("id", id, "type", type, "occurredAt", at.toString(), "data", data))
                .when().post("/api/accounts/" + accountId + "/signals").then().statusCode(202);
    }

    @Test
    void aP1CaseBlocksTheAskWithTheAccountInTheBriefAndItsCloseLiftsTheBlock() {
        String[] adv = advocate();
        String advocateId = adv[0];
        String accountId = adv[1];
        Instant opened = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        signal(accountId, "zd-open-" + accountId, "SUPPORT_CASE_OPENED", opened,
                Map.of("caseId", "CASE-9", "priority", "P1"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> eligibility(advocateId)
                .statusCode(200).body("eligible", equalTo(false)).body("reasons.code", hasItem("ACCOUNT_AT_RISK")));

        // an ask made now is blocked, and the owner's brief shows why the account is not a good place to ask
        JsonPath blocked = as(REQUESTER, "requester").body(Map.of("advocateId", advocateId,
                        "activity", "REFERENCE_CALL", "context", Map.of("need", "A peer call")))
                .when().post("/api/asks").then().statusCode(201).body("status", equalTo("BLOCKED"))
                .extract().jsonPath();
        assertEquals(List.of("CASE-9"), blocked.getList("brief.account.openCases.caseId"));
        assertEquals("P1", blocked.getString("brief.account.openCases[0].priority"));
        assertEquals(3, blocked.getInt("brief.account.openCases[0].ageDays"));

        // the account's situation is readable in advocate-service
        as(PM, "programme-manager").when().get("/api/accounts/" + accountId).then().statusCode(200)
                .body("situation.openCases[0].caseId", equalTo("CASE-9"));

        signal(accountId, "zd-close-" + accountId, "SUPPORT_CASE_CLOSED", opened.plus(2, ChronoUnit.DAYS),
                Map.of("caseId", "CASE-9", "priority", "P1"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> eligibility(advocateId)
                .statusCode(200).body("eligible", equalTo(true)));
    }

    @Test
    void anOutcomeBecomesTheOwnersReminderUntilTheThankYouAndCountsInTheInfluencedPipeline() {
        String advocateId = advocate()[0];
        String askId = as(REQUESTER, "requester").body(Map.of("advocateId", advocateId, "activity", "REFERENCE_CALL",
                        "context", Map.of("opportunity", "Globex renewal", "need", "A peer call about Kafka")))
                .when().post("/api/asks").then().statusCode(201).extract().path("id");
        as(OWNER, "owner").body(Map.of("channel", "VIDEO")).when().post("/api/asks/" + askId + "/send")
                .then().statusCode(200);
        as(OWNER, "owner").body(Map.of("accepted", true)).when().post("/api/asks/" + askId + "/response")
                .then().statusCode(200);
        as(OWNER, "owner").body(Map.of()).when().post("/api/asks/" + askId + "/complete")
                .then().statusCode(200).body("status", equalTo("COMPLETED"));

        JsonPath before = summary();
        int wonBefore = before.getInt("influence.last90d.won.count");
        double usdBefore = usd(before);

        LocalDate closed = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        as(REQUESTER, "requester").body(Map.of("result", "WON", "amount", 48000, "currency", "USD",
                        "closedOn", closed.toString(), "story", "Dana's call settled the migration question"))
                .when().post("/api/asks/" + askId + "/outcome")
                .then().statusCode(200).body("outcome.result", equalTo("WON"));

        // touchpoint-service reminds the owner to share it
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as(OWNER, "owner").when().get("/api/advocates/" + advocateId + "/relationship").then()
                        .statusCode(200).body("outcomesToShare", equalTo(List.of(askId))));
        JsonPath attention = as(OWNER, "owner").queryParam("size", 100).when().get("/api/relationships/attention")
                .then().statusCode(200).extract().jsonPath();
        List<String> reasons = attention.getList("items.find { it.advocateId == '" + advocateId + "' }.reasons");
        assertEquals(true, reasons.contains("OUTCOME_TO_SHARE"), "reasons: " + reasons);

        // the gateway counts it in the influenced pipeline
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonPath after = summary();
            assertEquals(wonBefore + 1, after.getInt("influence.last90d.won.count"));
            assertEquals(usdBefore + 48000, usd(after), 0.001);
        });

        // the owner tells Dana, and records it: the reminder is settled
        as(OWNER, "owner").body(Map.of("advocateId", advocateId, "type", "THANK_YOU", "channel", "PHONE",
                        "askId", askId, "note", "Told Dana her call helped win Globex"))
                .when().post("/api/touchpoints").then().statusCode(201);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as(OWNER, "owner").when().get("/api/advocates/" + advocateId + "/relationship").then()
                        .statusCode(200).body("outcomesToShare", equalTo(List.of()))
                        .body("pendingThankYous", not(hasItem(askId))));
    }

    static JsonPath summary() {
        return as(PM, "programme-manager").when().get("/api/ops/summary").then().statusCode(200).extract().jsonPath();
    }

    static double usd(JsonPath summary) {
        Object v = summary.get("influence.last90d.won.amount.USD");
        return v == null ? 0 : ((Number) v).doubleValue();
    }
}
