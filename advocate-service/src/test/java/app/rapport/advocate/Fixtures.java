package app.rapport.advocate;

import app.rapport.testing.TestTokens;
import app.rapport.web.Roles;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tokens and request bodies shared by the advocate-service tests. */
public final class Fixtures {
    public static final String PM = TestTokens.bearer("u-pam", Roles.PROGRAMME_MANAGER);
    public static final String ADMIN = TestTokens.bearer("u-ada", Roles.ADMIN);
    public static final String REQUESTER = TestTokens.bearer("u-rita", Roles.REQUESTER);
    public static final String ANALYST = TestTokens.bearer("u-andy", Roles.ANALYST);

    public static String owner(String sub) {
        return TestTokens.bearer(sub, Roles.OWNER, Roles.REQUESTER);
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid create body; change what a test needs. */
    public static Map<String, Object> advocate(String suffix) {
        Map<String, Object> body = new HashMap<>();
        body.put("externalId", "crm-" + suffix);
        body.put("name", "Grace Hopper " + suffix);
        body.put("email", "grace." + suffix + "@example.com");
        body.put("phone", "+1 555 0100 " + suffix.replaceAll("[^0-9]", ""));
        body.put("title", "VP Engineering");
        Map<String, Object> account = new HashMap<>();
        account.put("id", "acc-" + suffix);
        account.put("name", "Cobol Systems " + suffix);
        account.put("industry", "Software");
        account.put("region", "NA");
        account.put("segment", "Enterprise");
        body.put("account", account);
        body.put("ownerId", "u-olivia");
        body.put("tags", new ArrayList<>(List.of("mainframes", "compilers")));
        body.put("activities", new ArrayList<>(List.of("REFERENCE_CALL", "CASE_STUDY")));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("maxAsksPerQuarter", 2);
        prefs.put("channels", List.of("VIDEO", "EMAIL"));
        body.put("preferences", prefs);
        return body;
    }

    public static RequestSpecification as(String bearer) {
        return RestAssured.given().header("Authorization", bearer);
    }

    public static Response create(Map<String, Object> body) {
        return as(PM).contentType(ContentType.JSON).body(body).post("/api/advocates");
    }

    /** Creates an advocate and returns its id. */
    public static String createId(Map<String, Object> body) {
        return create(body).then().statusCode(201).extract().path("id");
    }

    private Fixtures() {
    }
}
