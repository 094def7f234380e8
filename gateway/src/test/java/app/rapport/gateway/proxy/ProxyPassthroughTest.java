package app.rapport.gateway.proxy;

import app.rapport.gateway.support.StandInService.Answer;
import app.rapport.gateway.support.StandInService.Received;
import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway forwards to the owning service and returns its answer unchanged: status, body,
 * Content-Type, Location, ETag; it adds a request id and a traceparent.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class ProxyPassthroughTest {
    @Inject
    ServiceClient client;

    private final String alice = TestTokens.bearer("u-alice", "programme-manager");

    @BeforeEach
    void reset() {
        StandIns.resetAll();
        client.resetBreakers();
    }

    @Test
    void forwardsIdentityRequestIdAndTraceparentAndEchoesTheRequestId() {
        Response r = given().urlEncodingEnabled(false).header("Authorization", alice)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .when().get("/api/advocates/a-1?view=full&x=%20y")
                .then().statusCode(200)
                .body("service", equalTo("advocate-service"))
                .body("path", equalTo("/api/advocates/a-1"))
                .extract().response();
        List<Received> got = StandIns.ADVOCATE.apiRequests();
        assertEquals(1, got.size());
        Received req = got.get(0);
        assertEquals("GET", req.method());
        assertEquals("view=full&x=%20y", req.query());
        assertEquals(alice, req.header("Authorization"));
        String requestId = r.header("X-Request-Id");
        assertNotNull(requestId);
        assertEquals(requestId, req.header("X-Request-Id"));
        String tp = req.header("traceparent");
        assertTrue(tp.matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01"), tp);
        assertFalse(tp.contains("b7ad6b7169203331"), "the gateway is a new span");
    }

    @Test
    void keepsTheCallersRequestIdAndStartsATraceWhenThereIsNone() {
        given().header("Authorization", alice).header("X-Request-Id", "req-42")
                .when().get("/api/asks/k-1")
                .then().statusCode(200).header("X-Request-Id", "req-42");
        Received req = StandIns.ASK.apiRequests().get(0);
        assertEquals("req-42", req.header("X-Request-Id"));
        assertTrue(req.header("traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void createdPassesStatusBodyLocationAndEtagThrough() {
        StandIns.ADVOCATE.answer(r -> Answer.json(201, "{\"id\":\"a-9\",\"version\":1}")
                .withHeader("Location", StandIns.ADVOCATE.url() + "/api/advocates/a-9")
                .withHeader("ETag", "\"1\""));
        String body = "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";
        Response r = given().header("Authorization", alice).contentType("application/json").body(body)
                .when().post("/api/advocates")
                .then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("id", equalTo("a-9"))
                .extract().response();
        String location = r.header("Location");
        assertTrue(location.endsWith("/api/advocates/a-9"), location);
        assertFalse(location.contains(StandIns.ADVOCATE.url()), "the service's own address never leaks: " + location);
        Received req = StandIns.ADVOCATE.apiRequests().get(0);
        assertEquals(body, req.bodyText());
        assertTrue(req.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void problemsPassThroughUnchanged() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"An advocate with this email exists\"}";
        StandIns.ADVOCATE.answer(r -> new Answer(409, java.util.Map.of("Content-Type", "application/problem+json"),
                problem, 0));
        String got = given().header("Authorization", alice).contentType("application/json").body("{}")
                .when().post("/api/advocates")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .extract().asString();
        assertEquals(problem, got);
    }

    @Test
    void aProblemComesBackWhateverTheCallerAccepts() {
        StandIns.ASK.answer(r -> Answer.problem(404, "Not Found", "No ask k-404"));
        given().header("Authorization", alice).accept("application/json")
                .when().get("/api/asks/k-404")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("No ask k-404"));
        assertEquals("application/json", StandIns.ASK.apiRequests().get(0).header("Accept"));
    }

    @Test
    void ifMatchIsForwardedAndA412ComesBack() {
        StandIns.ADVOCATE.answer(r -> "\"3\"".equals(r.header("If-Match"))
                ? Answer.problem(412, "Precondition Failed", "stale version")
                : Answer.json(200, "{}"));
        given().header("Authorization", alice).header("If-Match", "\"3\"")
                .contentType("application/merge-patch+json").body("{\"title\":\"CTO\"}")
                .when().patch("/api/advocates/a-1")
                .then().statusCode(412).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("stale version"));
        assertTrue(StandIns.ADVOCATE.apiRequests().get(0).header("Content-Type").startsWith("application/merge-patch+json"));
    }

    @Test
    void csvImportsTravelAsBytesWithTheirContentType() {
        StandIns.ADVOCATE.answer(r -> Answer.json(202, "{\"id\":\"imp-1\"}"));
        byte[] csv = "externalId,name,email\nx-1,Zoë Ä,z@example.com\n".getBytes(StandardCharsets.UTF_8);
        given().header("Authorization", alice).contentType("text/csv").body(csv)
                .when().post("/api/advocates/imports")
                .then().statusCode(202).body("id", equalTo("imp-1"));
        Received req = StandIns.ADVOCATE.apiRequests().get(0);
        assertTrue(req.header("Content-Type").startsWith("text/csv"), req.header("Content-Type"));
        assertArrayEquals(csv, req.body());
    }

    @Test
    void routesEachPathToItsOwner() {
        given().header("Authorization", alice).get("/api/advocates/a-1/timeline?limit=5").then().statusCode(200)
                .body("service", equalTo("touchpoint-service"));
        given().header("Authorization", alice).get("/api/advocates/a-1/relationship").then().statusCode(200)
                .body("service", equalTo("touchpoint-service"));
        given().header("Authorization", alice).get("/api/relationships/attention?ownerId=u-1").then()
                .body("service", equalTo("touchpoint-service"));
        given().header("Authorization", alice).contentType("application/json").body("{}").post("/api/touchpoints")
                .then().body("service", equalTo("touchpoint-service"));
        given().header("Authorization", alice).get("/api/advocates/a-1/leaves").then()
                .body("service", equalTo("advocate-service"));
        given().header("Authorization", alice).delete("/api/advocates/a-1/busy").then()
                .body("service", equalTo("advocate-service")).body("method", equalTo("DELETE"));
        given().header("Authorization", alice).contentType("application/json").body("{}").post("/api/asks/k-1/send")
                .then().body("service", equalTo("ask-service"));
        given().header("Authorization", alice).get("/api/eligibility?advocateId=a-1&activity=REVIEW").then()
                .body("service", equalTo("ask-service"));
        given().header("Authorization", alice).get("/api/suggestions?activity=REVIEW").then()
                .body("service", equalTo("ask-service"));
        given().header("Authorization", alice).contentType("application/json").body("{}").put("/api/policy").then()
                .body("service", equalTo("ask-service")).body("method", equalTo("PUT"));
        assertEquals("advocateId=a-1&activity=REVIEW", StandIns.ASK.apiRequests().get(1).query());
    }

    @Test
    void anUnknownApiPathIsAProblem404() {
        given().header("Authorization", alice).get("/api/nothing-here/1")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
        assertTrue(StandIns.ADVOCATE.apiRequests().isEmpty());
    }

    @Test
    void noContentStaysEmpty() {
        StandIns.ADVOCATE.answer(r -> new Answer(204, java.util.Map.of(), null, 0));
        given().header("Authorization", alice).delete("/api/advocates/a-1/leaves/l-1")
                .then().statusCode(204);
    }
}
