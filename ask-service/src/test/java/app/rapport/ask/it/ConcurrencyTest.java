package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.createAsk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caps hold under parallel requests: single-document atomic reservation, not read-then-write. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class ConcurrencyTest {

    private static List<ExtractableResponse<Response>> fire(int n, java.util.function.IntFunction<ExtractableResponse<Response>> call)
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
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftySimultaneousAsksForOneAdvocateRouteExactlyOne() throws Exception {
        Adv a = advocate().register();
        List<ExtractableResponse<Response>> responses = fire(50,
                i -> createAsk(a, a.requester(), "REFERENCE_CALL", null).extract());
        long created = responses.stream().filter(r -> r.statusCode() == 201).count();
        assertEquals(50, created, "every ask is stored, blocked or not: "
                + responses.stream().map(r -> r.statusCode() + " " + r.body().asString()).filter(s -> !s.startsWith("201")).toList());
        List<String> statuses = responses.stream().map(r -> r.<String>path("status")).toList();
        assertEquals(1, statuses.stream().filter("AWAITING_OWNER"::equals).count(), "exactly one routed: " + statuses);
        assertEquals(49, statuses.stream().filter("BLOCKED"::equals).count());
        for (ExtractableResponse<Response> r : responses) {
            if ("BLOCKED".equals(r.path("status"))) {
                List<String> codes = r.path("eligibility.reasons.code");
                assertTrue(codes.contains("WORKLOAD") && codes.contains("DUPLICATE"), "blocked by the winner: " + codes);
            }
        }
        // and the stored state agrees
        RestAssured.given().header("Authorization", a.owner()).queryParam("advocateId", a.id)
                .queryParam("status", "AWAITING_OWNER").when().get("/api/asks").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1));
        RestAssured.given().header("Authorization", a.owner()).queryParam("advocateId", a.id)
                .queryParam("status", "BLOCKED").when().get("/api/asks").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(49));
    }

    @Test
    void simultaneousAsksForDifferentActivitiesStillRespectTheWorkloadCap() throws Exception {
        Adv a = advocate().register();
        String[] activities = {"REFERENCE_CALL", "CASE_STUDY", "REVIEW"};
        List<ExtractableResponse<Response>> responses = fire(30,
                i -> createAsk(a, a.requester(), activities[i % 3], null).extract());
        List<String> statuses = responses.stream().map(r -> r.<String>path("status")).toList();
        assertEquals(1, statuses.stream().filter("AWAITING_OWNER"::equals).count(), "exactly one routed: " + statuses);
        assertEquals(29, statuses.stream().filter("BLOCKED"::equals).count());
    }

    @Test
    void twoOverridesRacingForTheSameActivityLetOnlyOneThrough() throws Exception {
        Adv a = advocate();
        a.busyUntil = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2);
        a.register();
        String one = createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201).extract().path("id");
        String two = createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201).extract().path("id");
        List<ExtractableResponse<Response>> responses = fire(2, i -> TestAdvocates.action(i == 0 ? one : two,
                "override", a.owner(), Map.of("reason", "they are keen")).extract());
        List<Integer> codes = responses.stream().map(ExtractableResponse::statusCode).sorted().toList();
        assertEquals(List.of(200, 409), codes);
    }
}
