package app.rapport.gateway.security;

import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With rapport.auth.dev-tokens=true the gateway signs working tokens for demo users. */
@QuarkusTest
@TestProfile(DevTokensProfile.class)
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class DevTokensEnabledTest {

    @Test
    void aDevTokenWorksAtTheGatewayAndCarriesTheRolesAnd8Hours() throws Exception {
        given().get("/api/dev/tokens/enabled").then().statusCode(200).body("enabled", equalTo(true));
        String token = given().contentType("application/json")
                .body("{\"sub\":\"u-pm\",\"groups\":[\"programme-manager\"]}")
                .when().post("/api/dev/tokens")
                .then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).when().get("/api/ops/summary").then().statusCode(200);

        JsonNode claims = new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertEquals("u-pm", claims.get("sub").asText());
        assertEquals(TestTokens.ISSUER, claims.get("iss").asText());
        assertEquals("programme-manager", claims.get("groups").get(0).asText());
        assertEquals(8 * 3600, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void aDevTokenForARoleWithoutOpsAccessIsRefusedThere() {
        String token = given().contentType("application/json")
                .body("{\"sub\":\"u-req\",\"groups\":[\"requester\"]}")
                .when().post("/api/dev/tokens").then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).when().get("/api/ops/summary").then().statusCode(403);
    }

    @Test
    void badRequestsAreProblems() {
        given().contentType("application/json").body("{\"sub\":\"u-x\",\"groups\":[\"king\"]}")
                .when().post("/api/dev/tokens")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("groups[0]"));
        given().contentType("application/json").body("{\"sub\":\"\",\"groups\":[]}")
                .when().post("/api/dev/tokens")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType("application/json").body("{\"sub\":\"u-x\",\"groups\":[],\"admin\":true}")
                .when().post("/api/dev/tokens")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType("application/json").body("{not json")
                .when().post("/api/dev/tokens")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }
}
