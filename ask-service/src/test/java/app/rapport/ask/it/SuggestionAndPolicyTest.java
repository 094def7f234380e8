package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.events.advocate.LeavePeriod;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.createAsk;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

/** Suggestions for a need, and the versioned, audited policy. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class SuggestionAndPolicyTest {
    static final String PROBLEM = "application/problem+json";
    static final String PM = TestTokens.bearer("u-pm-policy", "programme-manager");

    static Adv feedbackAdvocate() {
        Adv a = advocate();
        a.activities = new java.util.ArrayList<>(List.of("PRODUCT_FEEDBACK"));
        a.industry = "Retail";
        a.region = "APAC";
        a.tags = new java.util.ArrayList<>(List.of("other"));
        return a;
    }

    @Test
    void suggestionsRankTheEligibleAdvocatesForANeedWithWhy() {
        String tag = "tag-" + UUID.randomUUID().toString().substring(0, 6);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Adv best = feedbackAdvocate();
        best.tags.add(tag);
        best.industry = "Insurance";
        best.register();
        Adv industryOnly = feedbackAdvocate();
        industryOnly.industry = "insurance";
        industryOnly.register();
        Adv usedBefore = feedbackAdvocate();
        usedBefore.register();
        Adv neverUsed = feedbackAdvocate();
        neverUsed.register();
        Adv onLeave = feedbackAdvocate();
        onLeave.tags.add(tag);
        onLeave.leaves.add(new LeavePeriod("l1", today, today.plusDays(30)));
        onLeave.register();
        Adv paused = feedbackAdvocate();
        paused.tags.add(tag);
        paused.status = "PAUSED";
        paused.register();
        Adv withOpenAsk = feedbackAdvocate();
        withOpenAsk.tags.add(tag);
        withOpenAsk.register();
        createAsk(withOpenAsk, withOpenAsk.requester(), "PRODUCT_FEEDBACK", null).statusCode(201)
                .body("status", equalTo("AWAITING_OWNER"));
        TestAdvocates.touchpoint(usedBefore, "ACTIVITY", "MANUAL", Instant.now().minus(Duration.ofDays(45)), null,
                UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                RestAssured.given().header("Authorization", usedBefore.requester())
                        .queryParam("activity", "PRODUCT_FEEDBACK").when().get("/api/suggestions").then().extract()
                        .jsonPath().getList("items.why.daysSinceLastUse").contains(45));

        RestAssured.given().header("Authorization", best.requester())
                .queryParam("activity", "PRODUCT_FEEDBACK").queryParam("tag", tag.toUpperCase())
                .queryParam("industry", "INSURANCE").queryParam("limit", "10")
                .when().get("/api/suggestions").then().statusCode(200)
                .body("items.advocateId", contains(best.id, industryOnly.id, neverUsed.id, usedBefore.id))
                .body("total", equalTo(4))
                .body("candidatesEvaluated", greaterThanOrEqualTo(6))
                .body("items[0].why.matchingTags", contains(tag))
                .body("items[0].why.industryMatch", equalTo(true))
                .body("items[0].why.remainingBudget", equalTo(2))
                .body("items[0].why.explanation", hasItem("Tagged " + tag))
                .body("items[3].why.daysSinceLastUse", equalTo(45))
                .body("items[3].why.remainingBudget", equalTo(1));
        RestAssured.given().header("Authorization", best.requester()).queryParam("activity", "PRODUCT_FEEDBACK")
                .queryParam("limit", "1").when().get("/api/suggestions").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(4));
        RestAssured.given().header("Authorization", best.requester()).queryParam("activity", "JUGGLING")
                .queryParam("limit", "0").when().get("/api/suggestions").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("activity", "limit"));
        RestAssured.given().header("Authorization", TestTokens.bearer("u-an", "analyst"))
                .queryParam("activity", "PRODUCT_FEEDBACK").when().get("/api/suggestions").then().statusCode(403);
    }

    static Map<String, Object> policy(int min, int budget, int account, int open) {
        return Map.of("minDaysBetweenAsks", min, "advocateBudgetPer90Days", budget, "accountBudgetPer90Days", account,
                "maxOpenAsksPerAdvocate", open);
    }

    static io.restassured.response.ValidatableResponse put(String auth, Object body) {
        return RestAssured.given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .when().put("/api/policy").then();
    }

    @Test
    void thePolicyIsValidatedVersionedAuditedAndUsedByTheGate() {
        int version = RestAssured.given().header("Authorization", TestTokens.bearer("u-any", "analyst"))
                .when().get("/api/policy").then().statusCode(200)
                .body("minDaysBetweenAsks", equalTo(30)).body("maxOpenAsksPerAdvocate", equalTo(1))
                .extract().path("version");
        put(TestTokens.bearer("u-req", "requester"), policy(30, 2, 4, 2)).statusCode(403).contentType(PROBLEM);
        put(PM, Map.of("minDaysBetweenAsks", 0, "advocateBudgetPer90Days", -1, "accountBudgetPer90Days", 4))
                .statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("minDaysBetweenAsks", "advocateBudgetPer90Days",
                        "maxOpenAsksPerAdvocate"));
        put(PM, "{\"minDaysBetweenAsks\":\"thirty\",\"advocateBudgetPer90Days\":2,\"accountBudgetPer90Days\":4,"
                + "\"maxOpenAsksPerAdvocate\":1}").statusCode(400).body("errors.field", contains("minDaysBetweenAsks"));
        try {
            put(PM, policy(30, 2, 4, 2)).statusCode(200).body("version", equalTo(version + 1))
                    .body("maxOpenAsksPerAdvocate", equalTo(2)).body("updatedBy", equalTo("u-pm-policy"))
                    .body("history.version", hasItem(version + 1));
            Adv a = advocate().register();
            createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201).body("status", equalTo("AWAITING_OWNER"));
            createAsk(a, a.requester(), "CASE_STUDY", null).statusCode(201).body("status", equalTo("AWAITING_OWNER"));
            createAsk(a, a.requester(), "REVIEW", null).statusCode(201).body("status", equalTo("BLOCKED"))
                    .body("eligibility.reasons[0].evidence.cap", equalTo(2));
        } finally {
            put(PM, policy(30, 2, 4, 1)).statusCode(200).body("maxOpenAsksPerAdvocate", equalTo(1));
        }
    }
}
