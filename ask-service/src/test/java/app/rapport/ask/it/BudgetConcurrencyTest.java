package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.events.EventTypes;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static app.rapport.ask.it.TestAdvocates.action;
import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.createAsk;
import static app.rapport.ask.it.TestAdvocates.eligibility;
import static app.rapport.ask.it.TestAdvocates.routedAsk;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budgets hold under simultaneous sends: each use is reserved by a conditional write on the
 * advocate's and the account's usage ledgers, so racing sends cannot all pass RECENTLY_ASKED,
 * CONTACT_BUDGET or ACCOUNT_BUDGET.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class BudgetConcurrencyTest {
    static final String PM = TestTokens.bearer("u-pm-budget", "programme-manager");

    private static List<ExtractableResponse<Response>> fire(int n, IntFunction<ExtractableResponse<Response>> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(k);
                }));
            }
            start.countDown();
            List<ExtractableResponse<Response>> out = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> f : futures) {
                out.add(f.get(180, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static void policy(int account, int open) {
        RestAssured.given().header("Authorization", PM).contentType(ContentType.JSON)
                .body(Map.of("minDaysBetweenAsks", 30, "advocateBudgetPer90Days", 2, "accountBudgetPer90Days", account,
                        "maxOpenAsksPerAdvocate", open))
                .when().put("/api/policy").then().statusCode(200).body("accountBudgetPer90Days", equalTo(account));
    }

    static List<String> codes(ExtractableResponse<Response> r) {
        return r.jsonPath().getList("reasons.code");
    }

    @Test
    void fiftySimultaneousSendsAcrossOneAccountSendExactlyTheAccountBudget() throws Exception {
        policy(4, 1);
        String account = "acc-budget-" + UUID.randomUUID();
        List<Adv> advocates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Adv a = advocate();
            a.accountId = account;
            a.publish(EventTypes.ADVOCATE_REGISTERED);
            advocates.add(a);
        }
        for (Adv a : advocates) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> eligibility(a, "REFERENCE_CALL").extract().statusCode() == 200);
        }
        List<String> asks = new ArrayList<>();
        for (Adv a : advocates) {
            asks.add(routedAsk(a, "REFERENCE_CALL"));
        }
        List<ExtractableResponse<Response>> responses = fire(50, i -> action(asks.get(i), "send",
                advocates.get(i).owner(), Map.of("channel", "VIDEO")).extract());
        List<Integer> statuses = responses.stream().map(ExtractableResponse::statusCode).toList();
        assertEquals(4, statuses.stream().filter(s -> s == 200).count(), "exactly the account budget sent: " + statuses);
        assertEquals(46, statuses.stream().filter(s -> s == 409).count(), "the rest refused: " + statuses);
        for (ExtractableResponse<Response> r : responses) {
            if (r.statusCode() == 200) {
                assertEquals("SENT", r.path("status"));
            } else {
                assertTrue(codes(r).contains("ACCOUNT_BUDGET"), "refused for the account budget: " + r.body().asString());
            }
        }
        // the stored state agrees: 4 asks SENT, the rest still awaiting their owner
        long sent = 0;
        for (int i = 0; i < 50; i++) {
            String status = RestAssured.given().header("Authorization", advocates.get(i).owner()).when()
                    .get("/api/asks/" + asks.get(i)).then().statusCode(200).extract().path("status");
            sent += "SENT".equals(status) ? 1 : 0;
            assertTrue(List.of("SENT", "AWAITING_OWNER").contains(status), status);
        }
        assertEquals(4, sent);
        List<String> after = eligibility(advocates.get(49), "CASE_STUDY").extract().jsonPath()
                .getList("reasons.code");
        assertTrue(after.contains("ACCOUNT_BUDGET"), "the account's budget is used up: " + after);
    }

    /** An advocate with two open asks (two allowed at a time for this test), both sent at once. */
    private static List<ExtractableResponse<Response>> twoSimultaneousSends(Adv a) throws Exception {
        policy(4, 2);
        try {
            String one = routedAsk(a, "REFERENCE_CALL");
            String two = createAsk(a, a.requester(), "CASE_STUDY", null).statusCode(201)
                    .body("status", equalTo("AWAITING_OWNER")).extract().path("id");
            String[] ids = {one, two};
            return fire(2, i -> action(ids[i], "send", a.owner(), Map.of("channel", "PHONE")).extract());
        } finally {
            policy(4, 1);
        }
    }

    @Test
    void twoSimultaneousSendsForAnAdvocateWithABudgetOfOneSendOne() throws Exception {
        Adv a = advocate();
        a.maxAsksPerQuarter = 1;
        a.register();
        List<ExtractableResponse<Response>> responses = twoSimultaneousSends(a);
        assertEquals(List.of(200, 409), responses.stream().map(ExtractableResponse::statusCode).sorted().toList());
        ExtractableResponse<Response> refused = responses.stream().filter(r -> r.statusCode() == 409).findFirst()
                .orElseThrow();
        assertTrue(codes(refused).contains("CONTACT_BUDGET"), refused.body().asString());
    }

    @Test
    void twoSimultaneousSendsForOneAdvocateAreNotBothSentWithin30Days() throws Exception {
        Adv a = advocate().register();
        List<ExtractableResponse<Response>> responses = twoSimultaneousSends(a);
        assertEquals(List.of(200, 409), responses.stream().map(ExtractableResponse::statusCode).sorted().toList());
        ExtractableResponse<Response> refused = responses.stream().filter(r -> r.statusCode() == 409).findFirst()
                .orElseThrow();
        assertEquals(List.of("RECENTLY_ASKED"), codes(refused), refused.body().asString());
    }
}
