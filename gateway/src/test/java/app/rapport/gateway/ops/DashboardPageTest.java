package app.rapport.gateway.ops;

import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The dashboard is served at / with no build step, carries the element ids the browser test reads,
 * and loads nothing from another origin.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class DashboardPageTest {

    @Test
    void servesThePageWithTheStableIds() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(allOf(containsString("id=\"signin\""), containsString("id=\"status\""),
                        containsString("aria-live=\"polite\""), containsString("id=\"signin-u-pm\""),
                        containsString("id=\"funnel-requested-7d\""), containsString("id=\"funnel-routed-7d\""),
                        containsString("id=\"funnel-blocked-7d\""), containsString("<label for=\"token-input\""),
                        containsString("id=\"panel-influence\""), containsString("id=\"influence-won-90d\""),
                        containsString("id=\"influence-won-amount-365d\""), containsString("id=\"influence-lost-90d\""),
                        containsString("id=\"influence-no-decision-365d\""),
                        containsString("id=\"influence-other-currencies\""),
                        containsString("id=\"influence-by-activity\""), containsString("id=\"influence-by-account\""),
                        containsString("id=\"influence-by-advocate\""), containsString("<legend>"),
                        not(containsString("http://")), not(containsString("https://"))));
        given().get("/app.js").then().statusCode(200)
                .body(allOf(containsString("/api/ops/stream"), containsString("Couldn't reach the gateway"),
                        containsString("summary.influence"),
                        not(containsString("import "))));
        given().get("/styles.css").then().statusCode(200);
    }

    @Test
    void unknownPagesAreNotFound() {
        given().get("/no-such-page").then().statusCode(404);
    }
}
