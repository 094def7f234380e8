package app.rapport.advocate.rest;

import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.web.Roles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static app.rapport.advocate.Fixtures.ADMIN;
import static app.rapport.advocate.Fixtures.ANALYST;
import static app.rapport.advocate.Fixtures.PM;
import static app.rapport.advocate.Fixtures.REQUESTER;
import static app.rapport.advocate.Fixtures.advocate;
import static app.rapport.advocate.Fixtures.as;
import static app.rapport.advocate.Fixtures.createId;
import static app.rapport.advocate.Fixtures.owner;
import static app.rapport.advocate.Fixtures.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

/**
 * Email and phone go only to the advocate's owner, programme-managers and admins; everyone else gets
 * them as null, in single reads, in search results and in write answers alike.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class ContactVisibilityTest {

    @Test
    void theOwnerProgrammeManagersAndAdminsSeeContactDetails() {
        String s = unique();
        Map<String, Object> body = advocate(s);
        body.put("ownerId", "u-olivia-" + s);
        String id = createId(body);
        String email = (String) body.get("email");
        String phone = (String) body.get("phone");
        for (String bearer : List.of(owner("u-olivia-" + s), TestTokens.bearer("u-olivia-" + s, Roles.REQUESTER), PM,
                ADMIN)) {
            as(bearer).get("/api/advocates/" + id).then().statusCode(200)
                    .body("email", equalTo(email)).body("phone", equalTo(phone));
            as(bearer).queryParam("accountId", "acc-" + s).get("/api/advocates").then().statusCode(200)
                    .body("items[0].email", equalTo(email)).body("items[0].phone", equalTo(phone));
        }
    }

    @Test
    void everyoneElseGetsNull() {
        String s = unique();
        Map<String, Object> body = advocate(s);
        body.put("ownerId", "u-olivia-" + s);
        String id = createId(body);
        String email = (String) body.get("email");
        for (String bearer : List.of(owner("u-oscar-" + s), REQUESTER, ANALYST,
                TestTokens.bearer("u-olivia-" + s + "-not", Roles.OWNER))) {
            as(bearer).get("/api/advocates/" + id).then().statusCode(200)
                    .body("email", nullValue()).body("phone", nullValue())
                    .body(not(containsString(email)))
                    .body("name", equalTo("Grace Hopper " + s));
            as(bearer).queryParam("accountId", "acc-" + s).get("/api/advocates").then().statusCode(200)
                    .body("items[0].email", nullValue()).body("items[0].phone", nullValue())
                    .body(not(containsString(email)));
        }
    }

    @Test
    void handingTheAdvocateToAnotherOwnerMovesTheRight() {
        String s = unique();
        Map<String, Object> body = advocate(s);
        body.put("ownerId", "u-olivia-" + s);
        String id = createId(body);
        as(PM).contentType(ContentType.JSON).body(Map.of("ownerId", "u-oscar-" + s)).put("/api/advocates/" + id + "/owner")
                .then().statusCode(200);
        as(owner("u-olivia-" + s)).get("/api/advocates/" + id).then().body("email", nullValue());
        as(owner("u-oscar-" + s)).get("/api/advocates/" + id).then().body("email", equalTo(body.get("email")));
    }
}
