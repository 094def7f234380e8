package app.rapport.gateway.ops;

import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.web.Roles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/ops/ping}: 204 for any role once the token is verified, and no service is called. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class PingTest {

    @Test
    void everyRoleGets204WithoutAHopToAService() {
        StandIns.resetAll();
        for (String role : List.of(Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ANALYST, Roles.ADMIN)) {
            given().header("Authorization", TestTokens.bearer("u-" + role, role))
                    .when().get("/api/ops/ping")
                    .then().statusCode(204).header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
        }
        assertTrue(StandIns.ADVOCATE.apiRequests().isEmpty());
        assertTrue(StandIns.ASK.apiRequests().isEmpty());
        assertTrue(StandIns.TOUCHPOINT.apiRequests().isEmpty());
    }

    @Test
    void withoutAValidTokenItIs401() {
        given().when().get("/api/ops/ping")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("Authorization", "Bearer " + TestTokens.forged("u-admin", Roles.ADMIN))
                .when().get("/api/ops/ping")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
