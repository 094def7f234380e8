package app.rapport.advocate;

import app.rapport.testing.RapportTestResource;
import app.rapport.testing.ServiceSmokeTests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health (Kafka and Mongo), metrics and OpenAPI of advocate-service. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class SmokeTest extends ServiceSmokeTests {
}
