package app.rapport.advocate.rest;

import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.advocate.domain.Account;
import app.rapport.advocate.repository.AccountRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static app.rapport.advocate.Fixtures.ADMIN;
import static app.rapport.advocate.Fixtures.ANALYST;
import static app.rapport.advocate.Fixtures.PM;
import static app.rapport.advocate.Fixtures.REQUESTER;
import static app.rapport.advocate.Fixtures.advocate;
import static app.rapport.advocate.Fixtures.as;
import static app.rapport.advocate.Fixtures.create;
import static app.rapport.advocate.Fixtures.createId;
import static app.rapport.advocate.Fixtures.owner;
import static app.rapport.advocate.Fixtures.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every advocate endpoint: its success path and its 4xx answers, against the real broker and Mongo server. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AdvocateApiTest {
    private static final String PROBLEM = "application/problem+json";

    // ---- create ------------------------------------------------------------------------------------

    @Test
    void createAnswers201WithLocationEtagAndTheAdvocate() {
        String s = unique();
        var r = create(advocate(s)).then().statusCode(201)
                .header("Location", containsString("/api/advocates/adv-"))
                .header("ETag", "\"1\"")
                .body("id", startsWith("adv-"))
                .body("externalId", equalTo("crm-" + s))
                .body("name", equalTo("Grace Hopper " + s))
                .body("email", equalTo("grace." + s + "@example.com"))
                .body("account.id", equalTo("acc-" + s))
                .body("account.segment", equalTo("Enterprise"))
                .body("ownerId", equalTo("u-olivia"))
                .body("tags", equalTo(List.of("mainframes", "compilers")))
                .body("activities", equalTo(List.of("REFERENCE_CALL", "CASE_STUDY")))
                .body("preferences.maxAsksPerQuarter", equalTo(2))
                .body("preferences.channels", equalTo(List.of("VIDEO", "EMAIL")))
                .body("status", equalTo("ACTIVE"))
                .body("leaves", hasSize(0))
                .body("busy", nullValue())
                .body("version", equalTo(1))
                .body("createdAt", endsWith("Z"))
                .extract();
        String id = r.path("id");
        assertEquals(r.header("Location").substring(r.header("Location").indexOf("/api/")), "/api/advocates/" + id);
        as(REQUESTER).get("/api/advocates/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Grace Hopper " + s));
    }

    @Test
    void adminMayCreateAndOptionalFieldsMayBeLeftOut() {
        String s = unique();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Minimal " + s);
        body.put("email", "min." + s + "@example.com");
        body.put("account", Map.of("id", "acc-" + s, "name", "Min Corp"));
        body.put("ownerId", "u-olivia");
        as(ADMIN).contentType(ContentType.JSON).body(body).post("/api/advocates").then().statusCode(201)
                .body("externalId", nullValue()).body("phone", nullValue()).body("tags", hasSize(0))
                .body("activities", hasSize(0)).body("preferences.maxAsksPerQuarter", nullValue())
                .body("preferences.channels", hasSize(0));
    }

    @Test
    void createValidationNamesEveryBadField() {
        Map<String, Object> body = advocate(unique());
        body.put("name", "  ");
        body.put("email", "not-an-email");
        body.put("activities", List.of("REFERENCE_CALL", "COFFEE_CHAT"));
        body.put("account", Map.of("id", "acc-x"));
        create(body).then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("errors.field", containsInAnyOrder("name", "email", "activities[1]", "account.name"))
                .body("errors.find { it.field == 'activities[1]' }.message", containsString("COFFEE_CHAT"));
    }

    @Test
    void createWithoutRequiredFieldsNamesThem() {
        as(PM).contentType(ContentType.JSON).body("{}").post("/api/advocates").then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("name", "email", "account", "ownerId"));
    }

    @Test
    void unknownFieldsMalformedJsonWrongTypesAndNoBodyAre400() {
        Map<String, Object> body = advocate(unique());
        body.put("nickname", "Amazing Grace");
        create(body).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("nickname"));

        // (the detail is the shared mapper's generic one: Quarkus wraps the parse error in a 400 WebApplicationException)
        as(PM).contentType(ContentType.JSON).body("{\"name\": \"x\",").post("/api/advocates").then().statusCode(400)
                .contentType(PROBLEM).body("status", equalTo(400));

        Map<String, Object> wrongType = advocate(unique());
        wrongType.put("account", "Cobol Systems");
        create(wrongType).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("account"));

        Map<String, Object> badNumber = advocate(unique());
        badNumber.put("preferences", Map.of("maxAsksPerQuarter", "lots"));
        create(badNumber).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("preferences.maxAsksPerQuarter"));

        as(PM).contentType(ContentType.JSON).post("/api/advocates").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anOversizedJsonBodyIs413() {
        Map<String, Object> body = advocate(unique());
        body.put("title", "x".repeat(2 * 1024 * 1024));
        create(body).then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void duplicateExternalIdIs409NamingIt() {
        String s = unique();
        create(advocate(s)).then().statusCode(201);
        Map<String, Object> again = advocate(unique());
        again.put("externalId", "crm-" + s);
        create(again).then().statusCode(409).contentType(PROBLEM).body("errors[0].field", equalTo("externalId"));
    }

    @Test
    void duplicateEmailIs409NamingItWhateverItsCase() {
        String s = unique();
        create(advocate(s)).then().statusCode(201);
        Map<String, Object> again = advocate(unique());
        again.put("email", ("GRACE." + s + "@Example.COM"));
        create(again).then().statusCode(409).contentType(PROBLEM).body("errors[0].field", equalTo("email"))
                .body("detail", containsString("email"))
                .body(org.hamcrest.Matchers.not(containsString(s + "@")));
    }

    @Test
    void advocatesWithoutExternalIdDoNotCollide() {
        for (int i = 0; i < 2; i++) {
            Map<String, Object> body = advocate(unique());
            body.remove("externalId");
            create(body).then().statusCode(201);
        }
    }

    @Inject
    AccountRepository accounts;

    @Test
    void accountsAreUpsertedFromAdvocates() {
        String s = unique();
        String id = createId(advocate(s));
        assertEquals(new Account("acc-" + s, "Cobol Systems " + s, "Software", "NA", "Enterprise"),
                accounts.find("acc-" + s).orElseThrow());
        Map<String, Object> colleague = advocate(unique());
        colleague.put("account", Map.of("id", "acc-" + s, "name", "Cobol Systems Ltd"));
        createId(colleague);
        // the latest name wins; attributes another advocate gave are kept
        assertEquals(new Account("acc-" + s, "Cobol Systems Ltd", "Software", "NA", "Enterprise"),
                accounts.find("acc-" + s).orElseThrow());
        as(PM).contentType("application/merge-patch+json").body(Map.of("account", Map.of("segment", "Strategic")))
                .patch("/api/advocates/" + id).then().statusCode(200);
        assertEquals("Strategic", accounts.find("acc-" + s).orElseThrow().segment());
        as(ANALYST).queryParam("accountId", "acc-" + s).get("/api/advocates").then().body("total", equalTo(2));
    }

    // ---- read and search ------------------------------------------------------------------------------

    @Test
    void unknownAdvocateIs404() {
        as(REQUESTER).get("/api/advocates/adv-nope").then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404));
    }

    @Test
    void searchFiltersAndPages() {
        String s = unique();
        String tag = "tag-" + s;
        List<String> ids = new ArrayList<>();
        String[] names = {"Zed Zebra", "alice Able", "Bob Baker"};
        for (int i = 0; i < names.length; i++) {
            Map<String, Object> b = advocate(s + i);
            b.put("name", names[i] + " " + s);
            b.put("tags", List.of(tag, "n" + i));
            b.put("ownerId", i == 0 ? "u-oscar-" + s : "u-olivia");
            b.put("account", Map.of("id", "acc-shared-" + s, "name", (i == 2 ? "Quantum Widgets " : "Plain ") + s));
            b.put("activities", i == 1 ? List.of("WEBINAR") : List.of("REFERENCE_CALL"));
            if (i == 1) {
                b.put("title", "Head of Research " + s);
            }
            ids.add(createId(b));
        }
        // sorted by name, case-insensitively
        as(ANALYST).queryParam("tag", tag.toUpperCase()).get("/api/advocates").then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(20))
                .body("items.name", equalTo(List.of("alice Able " + s, "Bob Baker " + s, "Zed Zebra " + s)));
        // free text over name, title and account name, case-insensitive, regex characters taken literally
        as(ANALYST).queryParam("q", "zEBRA " + s).get("/api/advocates").then().body("items.id", equalTo(List.of(ids.get(0))));
        as(ANALYST).queryParam("q", "research " + s).get("/api/advocates").then().body("items.id", equalTo(List.of(ids.get(1))));
        as(ANALYST).queryParam("q", "quantum widgets " + s).get("/api/advocates").then().body("items.id", equalTo(List.of(ids.get(2))));
        as(ANALYST).queryParam("q", ".*").get("/api/advocates").then().statusCode(200).body("total", equalTo(0));
        // by account, owner, activity, status
        as(ANALYST).queryParam("accountId", "acc-shared-" + s).get("/api/advocates").then().body("total", equalTo(3));
        as(ANALYST).queryParam("ownerId", "u-oscar-" + s).get("/api/advocates").then().body("items.id", equalTo(List.of(ids.get(0))));
        as(ANALYST).queryParam("tag", tag).queryParam("activity", "webinar").get("/api/advocates").then()
                .body("items.id", equalTo(List.of(ids.get(1))));
        as(PM).contentType(ContentType.JSON).body(Map.of("status", "PAUSED")).put("/api/advocates/" + ids.get(2) + "/status")
                .then().statusCode(200);
        as(ANALYST).queryParam("tag", tag).queryParam("status", "PAUSED").get("/api/advocates").then()
                .body("items.id", equalTo(List.of(ids.get(2))));
        // paging
        as(ANALYST).queryParam("tag", tag).queryParam("size", 2).queryParam("page", 1).get("/api/advocates").then()
                .body("total", equalTo(3)).body("page", equalTo(1)).body("size", equalTo(2))
                .body("items.name", equalTo(List.of("Zed Zebra " + s)));
    }

    @Test
    void badSearchParametersAre400NamingThem() {
        as(ANALYST).queryParam("activity", "COFFEE").queryParam("status", "ASLEEP").get("/api/advocates").then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", containsInAnyOrder("activity", "status"));
        as(ANALYST).queryParam("size", 500).get("/api/advocates").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"));
        as(ANALYST).queryParam("page", "two").get("/api/advocates").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    // ---- merge patch ------------------------------------------------------------------------------------

    @Test
    void mergePatchChangesTheProfileAndBumpsTheVersion() {
        String id = createId(advocate(unique()));
        as(PM).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"title\":\"CTO\",\"phone\":null,\"tags\":[\"cobol\"],\"account\":{\"region\":\"EMEA\"}}")
                .patch("/api/advocates/" + id).then().statusCode(200)
                .header("ETag", "\"2\"").body("version", equalTo(2)).body("title", equalTo("CTO"))
                .body("phone", nullValue()).body("tags", equalTo(List.of("cobol")))
                .body("account.region", equalTo("EMEA")).body("account.industry", equalTo("Software"));
        // application/json is accepted too, and If-Match without quotes
        as(PM).contentType(ContentType.JSON).header("If-Match", "2").body("{\"activities\":[\"REVIEW\"]}")
                .patch("/api/advocates/" + id).then().statusCode(200).body("version", equalTo(3));
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersion() {
        Map<String, Object> body = advocate(unique());
        String id = createId(body);
        as(PM).contentType("application/merge-patch+json").body(Map.of("title", "VP Engineering"))
                .patch("/api/advocates/" + id).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
    }

    @Test
    void staleIfMatchIs412() {
        String id = createId(advocate(unique()));
        as(PM).contentType("application/merge-patch+json").body(Map.of("title", "A")).patch("/api/advocates/" + id)
                .then().statusCode(200);
        as(PM).contentType("application/merge-patch+json").header("If-Match", "\"1\"").body(Map.of("title", "B"))
                .patch("/api/advocates/" + id).then().statusCode(412).contentType(PROBLEM)
                .body("currentVersion", equalTo(2));
        as(PM).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("ownerId", "u-x"))
                .put("/api/advocates/" + id + "/owner").then().statusCode(412);
        as(PM).contentType(ContentType.JSON).header("If-Match", "1").body(Map.of("status", "PAUSED"))
                .put("/api/advocates/" + id + "/status").then().statusCode(412);
        as(PM).header("If-Match", "\"1\"").delete("/api/advocates/" + id + "/busy").then().statusCode(412);
        as(PM).header("If-Match", "yesterday").contentType(ContentType.JSON).body(Map.of("title", "C"))
                .patch("/api/advocates/" + id).then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        as(REQUESTER).get("/api/advocates/" + id).then().body("title", equalTo("A"));
    }

    @Test
    void twoWritersWithTheSameIfMatchCannotBothWin() throws Exception {
        String id = createId(advocate(unique()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String title = "Title " + i;
                results.add(pool.submit(() -> as(PM).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                        .body(Map.of("title", title)).patch("/api/advocates/" + id).statusCode()));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 412).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writersWithoutIfMatchNeverLoseEachOthersChanges() throws Exception {
        String id = createId(advocate(unique()));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                LocalDate from = LocalDate.of(2030, 1, 1).plusDays(10L * i);
                calls.add(() -> as(PM).contentType(ContentType.JSON)
                        .body(Map.of("from", from.toString(), "to", from.plusDays(2).toString()))
                        .post("/api/advocates/" + id + "/leaves").statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(201, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        as(PM).get("/api/advocates/" + id).then().body("leaves", hasSize(6)).body("version", equalTo(7));
    }

    @Test
    void badPatchesAre400NamingTheFields() {
        String id = createId(advocate(unique()));
        as(PM).contentType("application/merge-patch+json")
                .body("{\"nickname\":\"x\",\"ownerId\":\"u-y\",\"version\":9,\"email\":\"nope\"}")
                .patch("/api/advocates/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("nickname", "ownerId", "version"));
        as(PM).contentType("application/merge-patch+json").body("{\"email\":\"nope\",\"name\":null,"
                        + "\"activities\":[\"PRESS\",\"GOLF\"]}")
                .patch("/api/advocates/" + id).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("email", "name", "activities[1]"));
        as(PM).contentType("application/merge-patch+json").body("{\"name\":").patch("/api/advocates/" + id)
                .then().statusCode(400).contentType(PROBLEM);
        as(PM).contentType("application/merge-patch+json").body("[]").patch("/api/advocates/" + id)
                .then().statusCode(400).contentType(PROBLEM);
        as(PM).contentType("application/merge-patch+json").body(Map.of("title", "x")).patch("/api/advocates/adv-nope")
                .then().statusCode(404).contentType(PROBLEM);
        as(REQUESTER).get("/api/advocates/" + id).then().body("version", equalTo(1));
    }

    @Test
    void patchingToAnotherAdvocatesEmailOrExternalIdIs409() {
        String a = unique();
        createId(advocate(a));
        String id = createId(advocate(unique()));
        as(PM).contentType("application/merge-patch+json").body(Map.of("email", "Grace." + a + "@example.com"))
                .patch("/api/advocates/" + id).then().statusCode(409).body("errors[0].field", equalTo("email"));
        as(PM).contentType("application/merge-patch+json").body(Map.of("externalId", "crm-" + a))
                .patch("/api/advocates/" + id).then().statusCode(409).body("errors[0].field", equalTo("externalId"));
    }

    // ---- owner, status --------------------------------------------------------------------------------

    @Test
    void ownerAndStatusChanges() {
        String id = createId(advocate(unique()));
        as(PM).contentType(ContentType.JSON).body(Map.of("ownerId", "u-oscar")).put("/api/advocates/" + id + "/owner")
                .then().statusCode(200).header("ETag", "\"2\"").body("ownerId", equalTo("u-oscar"));
        as(PM).contentType(ContentType.JSON).body(Map.of("ownerId", " ")).put("/api/advocates/" + id + "/owner")
                .then().statusCode(400).body("errors[0].field", equalTo("ownerId"));
        as(PM).contentType(ContentType.JSON).body(Map.of("ownerId", "u-x")).put("/api/advocates/adv-nope/owner")
                .then().statusCode(404);
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("status", "RETIRED")).put("/api/advocates/" + id + "/status")
                .then().statusCode(200).body("status", equalTo("RETIRED")).body("version", equalTo(3));
        as(PM).contentType(ContentType.JSON).body(Map.of("status", "ASLEEP")).put("/api/advocates/" + id + "/status")
                .then().statusCode(400).body("errors[0].field", equalTo("status"))
                .body("errors[0].message", containsString("ACTIVE, PAUSED, RETIRED"));
        as(PM).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE", "why", "x"))
                .put("/api/advocates/" + id + "/status").then().statusCode(400).body("errors[0].field", equalTo("why"));
        as(PM).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE")).put("/api/advocates/adv-nope/status")
                .then().statusCode(404);
    }

    // ---- leaves ------------------------------------------------------------------------------------------

    @Test
    void leavesAreScheduledAndCancelled() {
        String id = createId(advocate(unique()));
        var created = as(PM).contentType(ContentType.JSON)
                .body(Map.of("from", "2030-07-01", "to", "2030-07-14", "reason", "parental leave"))
                .post("/api/advocates/" + id + "/leaves").then().statusCode(201)
                .header("Location", containsString("/api/advocates/" + id + "/leaves/lv-"))
                .header("ETag", "\"2\"")
                .body("id", startsWith("lv-")).body("from", equalTo("2030-07-01")).body("to", equalTo("2030-07-14"))
                .body("reason", equalTo("parental leave")).extract();
        String leaveId = created.path("id");
        as(REQUESTER).get("/api/advocates/" + id).then().body("leaves.id", equalTo(List.of(leaveId)));

        // overlap and to < from are refused naming the field
        as(PM).contentType(ContentType.JSON).body(Map.of("from", "2030-07-14", "to", "2030-07-20"))
                .post("/api/advocates/" + id + "/leaves").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("from")).body("errors[0].message", containsString("overlaps"));
        as(PM).contentType(ContentType.JSON).body(Map.of("from", "2030-08-10", "to", "2030-08-01"))
                .post("/api/advocates/" + id + "/leaves").then().statusCode(400).body("errors[0].field", equalTo("to"));
        as(PM).contentType(ContentType.JSON).body(Map.of("from", "2030-02-30", "to", "2030-03-01"))
                .post("/api/advocates/" + id + "/leaves").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(PM).contentType(ContentType.JSON).body(Map.of("to", "2030-03-01"))
                .post("/api/advocates/" + id + "/leaves").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(PM).contentType(ContentType.JSON).body(Map.of("from", "2030-09-01", "to", "2030-09-02"))
                .post("/api/advocates/adv-nope/leaves").then().statusCode(404);

        as(PM).delete("/api/advocates/" + id + "/leaves/" + leaveId).then().statusCode(204).header("ETag", "\"3\"");
        as(PM).delete("/api/advocates/" + id + "/leaves/" + leaveId).then().statusCode(404).contentType(PROBLEM);
        as(PM).delete("/api/advocates/adv-nope/leaves/" + leaveId).then().statusCode(404);
        as(REQUESTER).get("/api/advocates/" + id).then().body("leaves", hasSize(0)).body("version", equalTo(3));
    }

    // ---- busy --------------------------------------------------------------------------------------------

    @Test
    void busyIsSetAndCleared() {
        String id = createId(advocate(unique()));
        String until = LocalDate.now().plusDays(20).toString();
        as(PM).contentType(ContentType.JSON).body(Map.of("until", until, "note", "knee-deep in an internal project"))
                .put("/api/advocates/" + id + "/busy").then().statusCode(200).header("ETag", "\"2\"")
                .body("busy.until", equalTo(until)).body("busy.note", equalTo("knee-deep in an internal project"));
        as(PM).contentType(ContentType.JSON).body(Map.of("until", "2001-01-01")).put("/api/advocates/" + id + "/busy")
                .then().statusCode(400).body("errors[0].field", equalTo("until"));
        as(PM).contentType(ContentType.JSON).body(Map.of("note", "x")).put("/api/advocates/" + id + "/busy")
                .then().statusCode(400).body("errors[0].field", equalTo("until"));
        as(PM).contentType(ContentType.JSON).body(Map.of("until", "soon")).put("/api/advocates/" + id + "/busy")
                .then().statusCode(400).body("errors[0].field", equalTo("until"));
        as(PM).contentType(ContentType.JSON).body(Map.of("until", until)).put("/api/advocates/adv-nope/busy")
                .then().statusCode(404);
        as(PM).delete("/api/advocates/" + id + "/busy").then().statusCode(204).header("ETag", "\"3\"");
        as(PM).delete("/api/advocates/" + id + "/busy").then().statusCode(204).header("ETag", "\"3\"");
        as(PM).delete("/api/advocates/adv-nope/busy").then().statusCode(404);
        as(REQUESTER).get("/api/advocates/" + id).then().body("busy", nullValue());
    }

    // ---- roles and authentication ------------------------------------------------------------------------

    @Test
    void onlyProgrammeManagersAndAdminsWrite() {
        String id = createId(advocate(unique()));
        for (String bearer : List.of(REQUESTER, ANALYST, owner("u-olivia"))) {
            as(bearer).contentType(ContentType.JSON).body(advocate(unique())).post("/api/advocates").then()
                    .statusCode(403).contentType(PROBLEM);
            as(bearer).contentType("application/merge-patch+json").body(Map.of("title", "x"))
                    .patch("/api/advocates/" + id).then().statusCode(403);
            as(bearer).contentType(ContentType.JSON).body(Map.of("ownerId", "u-x"))
                    .put("/api/advocates/" + id + "/owner").then().statusCode(403);
            as(bearer).contentType(ContentType.JSON).body(Map.of("status", "PAUSED"))
                    .put("/api/advocates/" + id + "/status").then().statusCode(403);
            as(bearer).contentType(ContentType.JSON).body(Map.of("from", "2031-01-01", "to", "2031-01-02"))
                    .post("/api/advocates/" + id + "/leaves").then().statusCode(403);
            as(bearer).delete("/api/advocates/" + id + "/leaves/lv-x").then().statusCode(403);
            as(bearer).contentType(ContentType.JSON).body(Map.of("until", "2031-01-01"))
                    .put("/api/advocates/" + id + "/busy").then().statusCode(403);
            as(bearer).delete("/api/advocates/" + id + "/busy").then().statusCode(403);
            as(bearer).contentType("text/csv").body("name,email,accountId,accountName,ownerId\n")
                    .post("/api/advocates/imports").then().statusCode(403);
            // but every role reads
            as(bearer).get("/api/advocates/" + id).then().statusCode(200);
            as(bearer).get("/api/advocates").then().statusCode(200);
        }
        as(PM).get("/api/advocates/" + id).then().body("version", equalTo(1));
    }

    @Test
    void withoutAValidTokenEverythingIs401() {
        String id = createId(advocate(unique()));
        RestAssured.given().get("/api/advocates/" + id).then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"));
        RestAssured.given().get("/api/advocates").then().statusCode(401);
        RestAssured.given().contentType(ContentType.JSON).body(advocate(unique())).post("/api/advocates").then()
                .statusCode(401).contentType(PROBLEM);
        RestAssured.given().contentType("application/merge-patch+json").body(Map.of("title", "x"))
                .patch("/api/advocates/" + id).then().statusCode(401);
        RestAssured.given().delete("/api/advocates/" + id + "/busy").then().statusCode(401);
        RestAssured.given().get("/api/advocates/imports/imp-x").then().statusCode(401);
        as("Bearer " + TestTokens.expired("u-pam", "programme-manager")).get("/api/advocates/" + id).then()
                .statusCode(401).contentType(PROBLEM);
        as("Bearer " + TestTokens.forged("u-pam", "programme-manager")).contentType(ContentType.JSON)
                .body(advocate(unique())).post("/api/advocates").then().statusCode(401);
        as("Bearer not-a-jwt").get("/api/advocates").then().statusCode(401);
        as(PM).get("/api/advocates/" + id).then().statusCode(200).body("version", is(1));
    }

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/advocates/{id}/leaves/{leaveId}"))
                .body("paths.keySet()", hasItem("/api/advocates/imports"));
    }
}
