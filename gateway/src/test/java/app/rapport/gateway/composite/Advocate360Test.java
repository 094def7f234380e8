package app.rapport.gateway.composite;

import app.rapport.gateway.proxy.ServiceClient;
import app.rapport.gateway.support.StandInService.Answer;
import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The advocate 360, whole and with one part down. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class Advocate360Test {
    @Inject
    ServiceClient client;

    private final String bearer = TestTokens.bearer("u-owner", "owner");

    @BeforeEach
    void programme() {
        StandIns.resetAll();
        client.resetBreakers();
        StandIns.ADVOCATE.answer(r -> r.path().equals("/api/advocates/a-1")
                ? Answer.json(200, "{\"id\":\"a-1\",\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
                : Answer.problem(404, "Not Found", "No advocate " + r.path()));
        StandIns.ASK.answer(r -> Answer.json(200, "{\"items\":["
                + "{\"id\":\"k-old\",\"status\":\"COMPLETED\",\"createdAt\":\"2026-01-01T10:00:00Z\"},"
                + "{\"id\":\"k-open\",\"status\":\"AWAITING_OWNER\",\"createdAt\":\"2026-11-01T10:00:00Z\"},"
                + "{\"id\":\"k-sent\",\"status\":\"SENT\",\"createdAt\":\"2026-10-01T10:00:00Z\"}"
                + "],\"page\":0,\"size\":200,\"total\":3}"));
        StandIns.TOUCHPOINT.answer(r -> r.path().endsWith("/timeline")
                ? Answer.json(200, "{\"items\":[{\"id\":\"t-1\",\"type\":\"CALL\"}],\"page\":0,\"size\":20,\"total\":1}")
                : Answer.json(200, "{\"daysSinceHumanTouch\":3,\"needsAttention\":false,\"pendingThankYous\":[]}"));
    }

    @AfterEach
    void restore() {
        StandIns.resetAll();
        client.resetBreakers();
    }

    @Test
    void everyPartInOneCallWithTheCallersToken() {
        given().header("Authorization", bearer).when().get("/api/advocates/a-1/360")
                .then().statusCode(200)
                .body("advocate.name", equalTo("Ada"))
                .body("openAsks.id", containsInAnyOrder("k-open", "k-sent"))
                .body("recentAsks.id", contains("k-open", "k-sent", "k-old"))
                .body("timeline[0].id", equalTo("t-1"))
                .body("relationship.daysSinceHumanTouch", equalTo(3))
                .body("unavailable", empty());
        assertEquals(bearer, StandIns.ADVOCATE.apiRequests().get(0).header("Authorization"));
        assertEquals("advocateId=a-1&size=200", StandIns.ASK.apiRequests().get(0).query());
        assertEquals(2, StandIns.TOUCHPOINT.apiRequests().size());
        StandIns.TOUCHPOINT.apiRequests().forEach(r -> assertEquals(bearer, r.header("Authorization")));
    }

    @Test
    void aDownedServiceLeavesItsPartsNullAndNamed() {
        StandIns.TOUCHPOINT.stop();
        given().header("Authorization", bearer).when().get("/api/advocates/a-1/360")
                .then().statusCode(200)
                .body("advocate.name", equalTo("Ada"))
                .body("openAsks.id", containsInAnyOrder("k-open", "k-sent"))
                .body("timeline", nullValue())
                .body("relationship", nullValue())
                .body("unavailable", containsInAnyOrder("timeline", "relationship"));
    }

    @Test
    void aFailingPartIsUnavailableToo() {
        StandIns.ASK.answer(r -> Answer.problem(500, "Internal Server Error", "boom"));
        given().header("Authorization", bearer).when().get("/api/advocates/a-1/360")
                .then().statusCode(200)
                .body("openAsks", nullValue())
                .body("recentAsks", nullValue())
                .body("timeline[0].id", equalTo("t-1"))
                .body("unavailable", contains("asks"));
    }

    @Test
    void anUnknownAdvocateIs404() {
        given().header("Authorization", bearer).when().get("/api/advocates/nobody/360")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("No advocate /api/advocates/nobody"));
    }

    @Test
    void withoutTheAdvocateServiceThereIsNo360() {
        StandIns.ADVOCATE.stop();
        String retryAfter = given().header("Authorization", bearer).when().get("/api/advocates/a-1/360")
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .extract().header("Retry-After");
        assertTrue(Long.parseLong(retryAfter) >= 1);
    }
}
