package app.rapport.gateway.security;

import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Past the per-user rate (5 a minute in this profile) the answer is 429 with Retry-After. */
@QuarkusTest
@TestProfile(DevTokensProfile.class)
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    @Test
    void theRequestPastTheRateIs429AndNotForwarded() {
        StandIns.resetAll();
        String sub = "u-burst-" + UUID.randomUUID();
        String bearer = TestTokens.bearer(sub, "requester");
        for (int i = 0; i < DevTokensProfile.RATE; i++) {
            given().header("Authorization", bearer).get("/api/advocates/a-1").then().statusCode(200);
        }
        Response r = given().header("Authorization", bearer).get("/api/advocates/a-1").then().extract().response();
        assertEquals(429, r.statusCode());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertEquals(429, r.jsonPath().getInt("status"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(DevTokensProfile.RATE, StandIns.ADVOCATE.apiRequests().size(), "the refused call is not forwarded");

        // the gateway's own endpoints count too, and other users are not affected
        given().header("Authorization", bearer).get("/api/advocates/a-1/360").then().statusCode(429);
        given().header("Authorization", TestTokens.bearer("u-calm-" + UUID.randomUUID(), "requester"))
                .get("/api/advocates/a-1").then().statusCode(200);
    }
}
