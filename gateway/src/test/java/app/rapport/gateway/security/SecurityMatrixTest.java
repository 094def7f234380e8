package app.rapport.gateway.security;

import app.rapport.gateway.proxy.ServiceClient;
import app.rapport.gateway.support.StandInService;
import app.rapport.gateway.support.StandInService.Answer;
import app.rapport.gateway.support.StandInService.Received;
import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.web.Roles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role against every endpoint group at the gateway, and tokens that are missing, forged,
 * expired or not tokens at all. Proxied groups are forwarded for every role with the caller's
 * identity and request id (the services decide on roles, and their 403 comes back unchanged); the
 * gateway's own ops endpoints need analyst, programme-manager or admin.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class SecurityMatrixTest {
    static final List<String> ROLES = List.of(Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ANALYST,
            Roles.ADMIN);
    static final Set<String> OPS_ROLES = Set.of(Roles.ANALYST, Roles.PROGRAMME_MANAGER, Roles.ADMIN);

    /** An endpoint group: how to call it, and which stand-in (if any) it reaches. */
    record Group(String name, String method, String path, String contentType, String body, String service) {
        StandInService standIn() {
            return switch (service) {
                case "advocate" -> StandIns.ADVOCATE;
                case "ask" -> StandIns.ASK;
                case "touchpoint" -> StandIns.TOUCHPOINT;
                default -> null;
            };
        }

        Response call(RequestSpecification spec) {
            if (contentType != null) {
                spec = spec.contentType(contentType).body(body);
            }
            return spec.when().request(method, path).then().extract().response();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Group> PROXIED = List.of(
            new Group("advocates", "GET", "/api/advocates?q=ada", null, null, "advocate"),
            new Group("advocate-write", "PUT", "/api/advocates/a-1/owner", "application/json",
                    "{\"ownerId\":\"u-2\"}", "advocate"),
            new Group("advocate-imports", "POST", "/api/advocates/imports", "text/csv", "externalId,name\n", "advocate"),
            new Group("asks", "POST", "/api/asks", "application/json", "{\"advocateId\":\"a-1\"}", "ask"),
            new Group("ask-inbox", "GET", "/api/asks/inbox", null, null, "ask"),
            new Group("eligibility", "GET", "/api/eligibility?advocateId=a-1&activity=REVIEW", null, null, "ask"),
            new Group("suggestions", "GET", "/api/suggestions?activity=REVIEW", null, null, "ask"),
            new Group("policy", "GET", "/api/policy", null, null, "ask"),
            new Group("touchpoints", "POST", "/api/touchpoints", "application/json", "{\"advocateId\":\"a-1\"}",
                    "touchpoint"),
            new Group("timeline", "GET", "/api/advocates/a-1/timeline", null, null, "touchpoint"),
            new Group("relationship", "GET", "/api/advocates/a-1/relationship", null, null, "touchpoint"),
            new Group("relationships", "GET", "/api/relationships/attention", null, null, "touchpoint"));

    static final Group ADVOCATE_360 = new Group("360", "GET", "/api/advocates/a-1/360", null, null, "gateway");
    static final Group OPS_SUMMARY = new Group("ops-summary", "GET", "/api/ops/summary", null, null, "gateway");

    @Inject
    ServiceClient client;

    @TestHTTPResource("/api/ops/stream")
    URL streamUrl;

    @BeforeEach
    void reset() {
        StandIns.resetAll();
        client.resetBreakers();
    }

    static Stream<Arguments> proxiedByRole() {
        List<Arguments> out = new ArrayList<>();
        for (String role : ROLES) {
            for (Group g : PROXIED) {
                out.add(Arguments.of(role, g));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("proxiedByRole")
    void everyRoleIsForwardedWithItsIdentityAndRequestId(String role, Group group) {
        String bearer = TestTokens.bearer("u-" + role, role);
        Response r = group.call(given().header("Authorization", bearer));
        assertEquals(200, r.statusCode(), group + " for " + role);
        List<Received> got = group.standIn().apiRequests();
        assertEquals(1, got.size());
        assertEquals(bearer, got.get(0).header("Authorization"), "the caller's identity is forwarded");
        assertEquals(r.header("X-Request-Id"), got.get(0).header("X-Request-Id"));
        assertEquals(group.method(), got.get(0).method());
    }

    static Stream<Arguments> roles() {
        return ROLES.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void theServicesRoleDecisionComesBackUnchanged(String role) {
        // the stand-in ask-service decides like the real one: only a programme manager may change the policy
        String forbidden = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"Only a programme manager may change the policy\"}";
        StandIns.ASK.answer(req -> groups(req).contains(Roles.PROGRAMME_MANAGER)
                ? Answer.json(200, "{\"version\":2}")
                : new Answer(403, java.util.Map.of("Content-Type", "application/problem+json"), forbidden, 0));
        Response r = given().header("Authorization", TestTokens.bearer("u-" + role, role))
                .contentType("application/json").body("{\"minDaysBetweenAsks\":30}")
                .when().put("/api/policy").then().extract().response();
        if (role.equals(Roles.PROGRAMME_MANAGER)) {
            assertEquals(200, r.statusCode());
        } else {
            assertEquals(403, r.statusCode());
            assertTrue(r.contentType().startsWith("application/problem+json"));
            assertEquals(forbidden, r.asString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void the360IsOpenToEveryRoleAndUsesTheCallersIdentity(String role) {
        String bearer = TestTokens.bearer("u-" + role, role);
        given().header("Authorization", bearer)
                .when().get(ADVOCATE_360.path())
                .then().statusCode(200);
        assertEquals(bearer, StandIns.ADVOCATE.apiRequests().get(0).header("Authorization"));
        assertEquals(bearer, StandIns.ASK.apiRequests().get(0).header("Authorization"));
        assertEquals(bearer, StandIns.TOUCHPOINT.apiRequests().get(0).header("Authorization"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void opsSummaryNeedsAnalystProgrammeManagerOrAdmin(String role) {
        Response r = given().header("Authorization", TestTokens.bearer("u-" + role, role))
                .when().get(OPS_SUMMARY.path()).then().extract().response();
        if (OPS_ROLES.contains(role)) {
            assertEquals(200, r.statusCode());
        } else {
            assertEquals(403, r.statusCode());
            assertTrue(r.contentType().startsWith("application/problem+json"));
            assertEquals(403, r.jsonPath().getInt("status"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void opsStreamNeedsAnalystProgrammeManagerOrAdmin(String role) throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(streamUrl.toURI())
                        .header("Authorization", TestTokens.bearer("u-" + role, role))
                        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (OPS_ROLES.contains(role)) {
                assertEquals(200, r.statusCode());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            } else {
                assertEquals(403, r.statusCode());
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"status\":403"));
            }
        }
    }

    static Stream<Arguments> badTokens() {
        List<Arguments> out = new ArrayList<>();
        List<Group> all = new ArrayList<>(PROXIED);
        all.add(ADVOCATE_360);
        all.add(OPS_SUMMARY);
        all.add(new Group("ops-stream", "GET", "/api/ops/stream", null, null, "gateway"));
        all.add(new Group("unknown", "GET", "/api/unknown", null, null, "gateway"));
        for (Group g : all) {
            out.add(Arguments.of("missing", null, g));
            out.add(Arguments.of("forged", "Bearer " + TestTokens.forged("u-admin", Roles.ADMIN), g));
            out.add(Arguments.of("expired", "Bearer " + TestTokens.expired("u-admin", Roles.ADMIN), g));
            out.add(Arguments.of("garbage", "Bearer not-a-jwt", g));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} token → {2}")
    @MethodSource("badTokens")
    void missingForgedOrExpiredTokensAre401BeforeAnythingIsForwarded(String kind, String authorization, Group group) {
        RequestSpecification spec = given();
        if (authorization != null) {
            spec = spec.header("Authorization", authorization);
        }
        Response r = group.call(spec);
        assertEquals(401, r.statusCode(), kind + " → " + group);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(401, r.jsonPath().getInt("status"));
        assertTrue(r.header("X-Request-Id") != null, "even a refusal carries a request id");
        assertTrue(StandIns.ADVOCATE.apiRequests().isEmpty());
        assertTrue(StandIns.ASK.apiRequests().isEmpty());
        assertTrue(StandIns.TOUCHPOINT.apiRequests().isEmpty());
    }

    @Test
    void devTokensAreNotFoundWhenDisabled() {
        given().contentType("application/json").body("{\"sub\":\"u-alice\",\"groups\":[\"admin\"]}")
                .when().post("/api/dev/tokens")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().header("Authorization", TestTokens.bearer("u-admin", Roles.ADMIN))
                .contentType("application/json").body("{\"sub\":\"u-alice\",\"groups\":[\"admin\"]}")
                .when().post("/api/dev/tokens")
                .then().statusCode(404);
        given().when().get("/api/dev/tokens/enabled").then().statusCode(200).body("enabled", equalTo(false));
    }

    /** The roles in a token, read the way a service would after verifying it. */
    static String groups(Received req) {
        String auth = req.header("Authorization");
        String payload = auth.substring("Bearer ".length()).split("\\.")[1];
        return new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    }
}
