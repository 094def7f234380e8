package app.rapport.system;

import app.rapport.testing.PackagedStack;
import app.rapport.testing.TestTokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.Matchers.equalTo;

/** Every packaged service starts against the real broker and Mongo, and reports itself UP. */
class StackHealthIT {
    static PackagedStack stack;

    @BeforeAll
    static void start() {
        stack = PackagedStack.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "advocate-service", "ask-service", "touchpoint-service"})
    void serviceIsHealthy(String service) {
        RestAssured.given().baseUri(stack.url(service)).when().get("/q/health")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"advocate-service", "ask-service", "touchpoint-service"})
    void aServiceReachedBehindTheGatewayStillDemandsAValidToken(String service) {
        String path = switch (service) {
            case "advocate-service" -> "/api/advocates";
            case "ask-service" -> "/api/asks";
            default -> "/api/relationships/attention";
        };
        RestAssured.given().baseUri(stack.url(service)).when().get(path)
                .then().statusCode(401).contentType("application/problem+json");
        RestAssured.given().baseUri(stack.url(service))
                .header("Authorization", "Bearer " + TestTokens.forged("u-mallory", "admin"))
                .when().get(path)
                .then().statusCode(401);
    }
}
