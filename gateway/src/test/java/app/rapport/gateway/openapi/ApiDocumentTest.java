package app.rapport.gateway.openapi;

import app.rapport.gateway.proxy.Routes;
import app.rapport.testing.RapportTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's {@code /q/openapi} is the one document of the public API: every operation of the
 * product contract that the gateway forwards or answers is in it (merged at build from the
 * services' stored documents), it documents nothing the gateway would not route, operations carry
 * their security requirement, and Swagger UI is served.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class ApiDocumentTest {
    /** Every operation of the public API (the product contract), as "METHOD /path/{param}". */
    static final List<String> PUBLIC_API = List.of(
            "GET /api/advocates", "POST /api/advocates", "GET /api/advocates/{}", "PATCH /api/advocates/{}",
            "PUT /api/advocates/{}/owner", "PUT /api/advocates/{}/status", "PUT /api/advocates/{}/busy",
            "POST /api/advocates/{}/leaves", "DELETE /api/advocates/{}/leaves/{}",
            "POST /api/advocates/{}/consents", "POST /api/advocates/imports", "GET /api/advocates/imports/{}",
            "GET /api/advocates/{}/timeline", "GET /api/advocates/{}/relationship", "GET /api/advocates/{}/360",
            "POST /api/touchpoints", "GET /api/relationships/attention",
            "POST /api/asks", "GET /api/asks", "GET /api/asks/inbox", "GET /api/asks/{}",
            "POST /api/asks/{}/send", "POST /api/asks/{}/decline", "POST /api/asks/{}/response",
            "POST /api/asks/{}/complete", "POST /api/asks/{}/cancel", "POST /api/asks/{}/outcome",
            "POST /api/asks/{}/override",
            "GET /api/eligibility", "GET /api/suggestions", "GET /api/policy", "PUT /api/policy",
            "GET /api/ops/summary", "GET /api/ops/stream", "GET /api/ops/ping", "POST /api/dev/tokens");

    static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> ops = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = doc.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            String template = path.getKey().replaceAll("\\{[^}]+}", "{}").replaceAll("/$", "");
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> method = m.next();
                if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    ops.put(method.getKey().toUpperCase() + " " + template, method.getValue());
                }
            }
        }
        return ops;
    }

    static JsonNode document() throws Exception {
        String json = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void everyOperationOfThePublicApiIsDocumented() throws Exception {
        Map<String, JsonNode> ops = operations(document());
        List<String> missing = new ArrayList<>();
        for (String op : PUBLIC_API) {
            if (!ops.containsKey(op)) {
                missing.add(op);
            }
        }
        assertEquals(List.of(), missing, "documented: " + ops.keySet());
    }

    @Test
    void everyDocumentedPathIsOneTheGatewayRoutes() throws Exception {
        for (String op : operations(document()).keySet()) {
            String path = op.substring(op.indexOf(' ') + 1).replace("{}", "x-1");
            assertTrue(Routes.route(path) != null || path.startsWith("/api/ops/") || path.startsWith("/api/dev/")
                    || path.endsWith("/360"), op + " is documented but the gateway does not route it");
        }
    }

    @Test
    void operationsNameTheirSecurityAndTheirProblems() throws Exception {
        JsonNode doc = document();
        assertFalse(doc.path("components").path("securitySchemes").isEmpty(), "a bearer scheme is declared");
        Map<String, JsonNode> ops = operations(doc);
        JsonNode putPolicy = ops.get("PUT /api/policy");
        assertFalse(putPolicy.path("security").isEmpty(), "PUT /api/policy names its roles: " + putPolicy);
        assertTrue(putPolicy.path("responses").has("401") || putPolicy.path("responses").has("403"),
                "PUT /api/policy documents its refusals: " + putPolicy.path("responses"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
