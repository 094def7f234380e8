package app.rapport.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every service promises operations, checked against the running application: health that
 * covers Kafka and Mongo, Prometheus metrics, the OpenAPI document. Extend it with
 * {@code @QuarkusTest} in each service.
 */
public abstract class ServiceSmokeTests {

    @Test
    public void healthIsUpAndCoversMongoAndKafka() {
        RestAssured.given().when().get("/q/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("MongoDB")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    public void prometheusMetricsAreExposed() {
        RestAssured.given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    public void openApiDocumentIsServed() {
        RestAssured.given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."));
    }
}
