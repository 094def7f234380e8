package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.support.StandInService.Answer;
import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service that is down or hangs gives 503 problem+json with Retry-After within a bounded time
 * (the test profile's timeout is 1.5 s, the breaker opens after 3 failures for 2 s), and the gateway
 * recovers by itself when the service is back.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class DownedServiceTest {
    /** Generous: the requirement is "never a hang"; the configured timeout is 1.5 s. */
    static final long BOUND_MILLIS = 6_000;

    @Inject
    ServiceClient client;

    private final String bearer = TestTokens.bearer("u-owner", "owner");

    @BeforeEach
    void reset() {
        StandIns.resetAll();
        client.resetBreakers();
    }

    @AfterEach
    void restore() {
        StandIns.resetAll();
        client.resetBreakers();
    }

    private Response timedGet(String path) {
        long start = System.nanoTime();
        Response r = given().header("Authorization", bearer).when().get(path).then().extract().response();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < BOUND_MILLIS, "answered in " + millis + " ms");
        return r;
    }

    private static void assertUnavailable(Response r) {
        assertEquals(503, r.statusCode());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(503, r.jsonPath().getInt("status"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
    }

    @Test
    void aDownedServiceIs503ThenTheBreakerOpensThenItRecovers() {
        StandIns.TOUCHPOINT.stop();
        for (int i = 0; i < 3; i++) {
            assertUnavailable(timedGet("/api/touchpoints/t-1"));
        }
        assertEquals(io.smallrye.faulttolerance.api.CircuitBreakerState.OPEN, client.state(DownstreamService.TOUCHPOINT));
        Response open = timedGet("/api/relationships/attention");
        assertUnavailable(open);
        assertTrue(open.jsonPath().getString("detail").contains("touchpoint-service"));

        // other services are unaffected
        given().header("Authorization", bearer).get("/api/asks/k-1").then().statusCode(200);

        StandIns.TOUCHPOINT.start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().header("Authorization", bearer).get("/api/touchpoints/t-1").statusCode() == 200);
        assertEquals(io.smallrye.faulttolerance.api.CircuitBreakerState.CLOSED, client.state(DownstreamService.TOUCHPOINT));
    }

    @Test
    void aHangingServiceTimesOutInto503() {
        StandIns.ASK.answer(r -> Answer.json(200, "{}").delayed(5_000));
        assertUnavailable(timedGet("/api/asks/k-1"));
        StandIns.ASK.reset();
        given().header("Authorization", bearer).get("/api/asks/k-1").then().statusCode(200);
    }

    @Test
    void aServiceErrorIsTheServicesAnswerNotABreakerFailure() {
        StandIns.ADVOCATE.answer(r -> Answer.problem(500, "Internal Server Error", "quote 123"));
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", bearer).get("/api/advocates/a-1").then().statusCode(500);
        }
        assertEquals(io.smallrye.faulttolerance.api.CircuitBreakerState.CLOSED, client.state(DownstreamService.ADVOCATE));
    }
}
