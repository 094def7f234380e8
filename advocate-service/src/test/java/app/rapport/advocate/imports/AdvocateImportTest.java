package app.rapport.advocate.imports;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.rapport.advocate.Fixtures.ANALYST;
import static app.rapport.advocate.Fixtures.PM;
import static app.rapport.advocate.Fixtures.advocate;
import static app.rapport.advocate.Fixtures.as;
import static app.rapport.advocate.Fixtures.createId;
import static app.rapport.advocate.Fixtures.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV imports: good rows land, bad rows are reported by line, and re-importing changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AdvocateImportTest {
    static final String HEADER = "externalId,name,email,phone,title,accountId,accountName,industry,region,segment,"
            + "ownerId,tags,activities";
    private static final String CSV_UTF8 = "text/csv; charset=UTF-8";

    static String start(String csv) {
        return as(PM).contentType(CSV_UTF8).body(csv).post("/api/advocates/imports").then().statusCode(202)
                .header("Location", containsString("/api/advocates/imports/imp-"))
                .body("id", startsWith("imp-")).extract().path("id");
    }

    static JsonPath awaitDone(String jobId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                !"RUNNING".equals(as(ANALYST).get("/api/advocates/imports/" + jobId).then().statusCode(200)
                        .extract().path("status")));
        return as(ANALYST).get("/api/advocates/imports/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> byExternalId(String accountId, String externalId) {
        List<Map<String, Object>> items = as(PM).queryParam("accountId", accountId).queryParam("size", 200)
                .get("/api/advocates").then().statusCode(200).extract().path("items");
        return items.stream().filter(i -> externalId.equals(i.get("externalId"))).findFirst().orElseThrow(
                () -> new AssertionError("no advocate " + externalId + " in " + items));
    }

    @Test
    void goodRowsLandBadRowsAreReportedByLineAndReimportingChangesNothing() {
        String s = unique();
        Map<String, Object> existing = advocate(s + "x");
        existing.remove("externalId");
        existing.put("email", "existing." + s + "@example.com");
        existing.put("account", Map.of("id", "acc-" + s, "name", "Cobol \"Classic\" Systems"));
        String existingId = createId(existing);

        String csv = HEADER + "\n"
                // line 2: quoted fields with commas and doubled quotes
                + "crm-" + s + "-1,\"Hopper, Grace\",grace." + s + "@example.com,+1 555 0101,\"VP, Engineering\",acc-" + s
                + ",\"Cobol \"\"Classic\"\" Systems\",Software,NA,Enterprise,u-olivia,mainframes;compilers,"
                + "REFERENCE_CALL;case_study\n"
                // lines 3-4: a line break inside a quoted field
                + "crm-" + s + "-2,Ada Lovelace,ada." + s + "@example.com,,\"Chief\nScientist\",acc-" + s
                + ",\"Cobol \"\"Classic\"\" Systems\",,,,u-olivia,,REVIEW\r\n"
                // line 5: bad email
                + "crm-" + s + "-3,No Email,not-an-email,,,acc-" + s + ",X,,,,u-olivia,,\n"
                // line 6: unknown activity
                + "crm-" + s + "-4,Bad Activity,bad." + s + "@example.com,,,acc-" + s + ",X,,,,u-olivia,,REFERENCE_CALL;GOLF\n"
                // line 7: blank name
                + "crm-" + s + "-5,,noname." + s + "@example.com,,,acc-" + s + ",X,,,,u-olivia,,\n"
                // line 8: too few fields
                + "crm-" + s + "-6,Too,few\n"
                // line 9: no externalId: matched (here: created) by email
                + ",Linus Email-Only,linus." + s + "@example.com,,,acc-" + s + ",Kernel Co,,,,u-oscar,,PRESS\n"
                // line 10: the email of line 2 under another externalId
                + "crm-" + s + "-7,Dup Email,GRACE." + s + "@EXAMPLE.com,,,acc-" + s + ",X,,,,u-olivia,,\n"
                // line 11: malformed quoting
                + "crm-" + s + "-8,\"Broken \"quote,broken." + s + "@example.com,,,acc-" + s + ",X,,,,u-olivia,,\n"
                // line 12: the advocate created through the API (no externalId yet), matched by email
                + "crm-" + s + "-9,Grace Hopper " + s + "x,existing." + s + "@example.com," + existing.get("phone")
                + ",VP Engineering,acc-" + s
                + ",\"Cobol \"\"Classic\"\" Systems\",,,,u-olivia,mainframes;compilers,REFERENCE_CALL;CASE_STUDY\n";

        String jobId = start(csv);
        JsonPath job = awaitDone(jobId);
        assertEquals("DONE", job.getString("status"), job.prettify());
        assertEquals(10, job.getInt("total"));
        assertEquals(10, job.getInt("processed"));
        assertEquals(3, job.getInt("created"));
        assertEquals(1, job.getInt("updated"));
        assertEquals(0, job.getInt("unchanged"));
        assertEquals(6, job.getInt("rejectedCount"));
        assertEquals(List.of(5, 6, 7, 8, 10, 11), job.getList("rejected.line"));
        List<String> errors = job.getList("rejected.error");
        assertTrue(errors.get(0).startsWith("email "), errors.get(0));
        assertTrue(errors.get(1).contains("activities[1]") && errors.get(1).contains("GOLF"), errors.get(1));
        assertTrue(errors.get(2).startsWith("name "), errors.get(2));
        assertTrue(errors.get(3).contains("has 3 fields; the header has 13"), errors.get(3));
        assertTrue(errors.get(4).contains("email is already used") && errors.get(4).contains("crm-" + s + "-1"),
                errors.get(4));
        assertTrue(errors.get(5).startsWith("malformed CSV"), errors.get(5));
        errors.forEach(e -> assertFalse(e.contains("@example.com"), "no contact details in errors: " + e));

        // the good rows landed, quoted values intact
        Map<String, Object> grace = byExternalId("acc-" + s, "crm-" + s + "-1");
        assertEquals("Hopper, Grace", grace.get("name"));
        assertEquals("VP, Engineering", grace.get("title"));
        assertEquals("grace." + s + "@example.com", grace.get("email"));
        assertEquals("Cobol \"Classic\" Systems", ((Map<?, ?>) grace.get("account")).get("name"));
        assertEquals(List.of("mainframes", "compilers"), grace.get("tags"));
        assertEquals(List.of("REFERENCE_CALL", "CASE_STUDY"), grace.get("activities"));
        assertEquals(1, grace.get("version"));
        assertEquals("Chief\nScientist", byExternalId("acc-" + s, "crm-" + s + "-2").get("title"));
        Map<String, Object> existingNow = byExternalId("acc-" + s, "crm-" + s + "-9");
        assertEquals(existingId, existingNow.get("id"));
        assertEquals(2, existingNow.get("version"));
        as(PM).queryParam("q", "Linus Email-Only").get("/api/advocates").then().body("total", equalTo(1))
                .body("items[0].ownerId", equalTo("u-oscar")).body("items[0].externalId", equalTo(null));

        // events: registered for new ones, updated for the matched one, by the import, without contact details
        String graceId = (String) grace.get("id");
        ConsumerRecord<String, String> registered = KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, graceId, 1,
                Duration.ofSeconds(30)).get(0);
        assertEquals(EventTypes.ADVOCATE_REGISTERED, KafkaTestSupport.header(registered, CloudEventHeaders.TYPE));
        assertEquals(graceId, registered.key());
        assertEquals("import:" + jobId, EventJson.read(registered.value(), AdvocateEvent.class).by());
        assertFalse(registered.value().contains("grace." + s), registered.value());
        assertFalse(registered.value().contains("555 0101"), registered.value());
        List<ConsumerRecord<String, String>> existingEvents = KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS,
                existingId, 2, Duration.ofSeconds(30));
        assertEquals(EventTypes.ADVOCATE_UPDATED, KafkaTestSupport.header(existingEvents.get(1), CloudEventHeaders.TYPE));
        AdvocateEvent update = EventJson.read(existingEvents.get(1).value(), AdvocateEvent.class);
        assertEquals(List.of("externalId"), update.changedFields());
        assertNull(update.previousOwnerId());
        assertFalse(existingEvents.get(1).value().toLowerCase().contains("existing." + s), "no email");

        // the same file again: nothing changes, nothing is published
        String again = start(csv);
        JsonPath second = awaitDone(again);
        assertEquals("DONE", second.getString("status"));
        assertEquals(0, second.getInt("created"));
        assertEquals(0, second.getInt("updated"));
        assertEquals(4, second.getInt("unchanged"));
        assertEquals(List.of(5, 6, 7, 8, 10, 11), second.getList("rejected.line"));
        assertEquals(1, byExternalId("acc-" + s, "crm-" + s + "-1").get("version"));
        assertEquals(1, byExternalId("acc-" + s, "crm-" + s + "-2").get("version"));
        assertEquals(2, byExternalId("acc-" + s, "crm-" + s + "-9").get("version"));
        assertEquals(1, KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, graceId, 2, Duration.ofSeconds(3)).size());
        assertEquals(2, KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, existingId, 3, Duration.ofSeconds(3)).size());
    }

    @Test
    void aChangedRowUpdatesOnlyWhatChangedAndAnOwnerMoveNamesThePreviousOwner() {
        String s = unique();
        String header = "externalId,name,email,accountId,accountName,ownerId,title";
        String jobId = start(header + "\ncrm-" + s + ",Barbara Liskov,barbara." + s + "@example.com,acc-" + s
                + ",CLU Inc,u-olivia,Professor\n");
        assertEquals(1, awaitDone(jobId).getInt("created"));
        // columns the file does not have (tags, activities, phone...) are left alone
        String id = byExternalId("acc-" + s, "crm-" + s).get("id").toString();
        as(PM).contentType("application/merge-patch+json").body(Map.of("tags", List.of("abstraction")))
                .patch("/api/advocates/" + id).then().statusCode(200).body("version", equalTo(2));

        JsonPath job = awaitDone(start(header + "\ncrm-" + s + ",Barbara Liskov,barbara." + s + "@example.com,acc-" + s
                + ",CLU Inc,u-oscar,Institute Professor\n"));
        assertEquals(1, job.getInt("updated"));
        Map<String, Object> now = byExternalId("acc-" + s, "crm-" + s);
        assertEquals("Institute Professor", now.get("title"));
        assertEquals("u-oscar", now.get("ownerId"));
        assertEquals(List.of("abstraction"), now.get("tags"));
        assertEquals(3, now.get("version"));
        List<ConsumerRecord<String, String>> events = KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, id, 3,
                Duration.ofSeconds(30));
        AdvocateEvent update = EventJson.read(events.get(2).value(), AdvocateEvent.class);
        assertEquals(EventTypes.ADVOCATE_UPDATED, KafkaTestSupport.header(events.get(2), CloudEventHeaders.TYPE));
        assertEquals(List.of("title", "ownerId"), update.changedFields());
        assertEquals("u-olivia", update.previousOwnerId());
        assertEquals("u-oscar", update.advocate().ownerId());
    }

    @Test
    void aBadHeaderOrBodyIsRefusedAtOnce() {
        as(PM).contentType(CSV_UTF8).body("name,emial,accountId,accountName,ownerId,name\nx,y,z,w,v,u\n")
                .post("/api/advocates/imports").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("header", "header", "header")))
                .body("errors[0].message", containsString("unknown column 'emial'"))
                .body("errors[1].message", containsString("'name' appears more than once"))
                .body("errors[2].message", containsString("missing required column email"));
        as(PM).contentType(CSV_UTF8).body("").post("/api/advocates/imports").then().statusCode(400)
                .contentType("application/problem+json");
        as(PM).contentType(ContentType.JSON).body(Map.of("rows", List.of())).post("/api/advocates/imports").then()
                .statusCode(415).contentType("application/problem+json");
        as(PM).contentType("text/csv; charset=klingon").body((HEADER + "\n").getBytes()).post("/api/advocates/imports").then()
                .statusCode(400).body("errors[0].field", equalTo("Content-Type"));
    }

    @Test
    void aHeaderOnlyFileIsDoneWithNothingToDo() {
        JsonPath job = awaitDone(start(HEADER + "\r\n"));
        assertEquals("DONE", job.getString("status"));
        assertEquals(0, job.getInt("total"));
        assertEquals(0, job.getInt("processed"));
    }

    @Test
    void unknownImportIs404() {
        as(ANALYST).get("/api/advocates/imports/imp-nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void rowsWithBytesThatAreNotTextAreRejected() {
        String s = unique();
        byte[] good = (HEADER + "\n,Good Row,good." + s + "@example.com,,,acc-" + s + ",A,,,,u-olivia,,\n,")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = new byte[] {(byte) 0xC3, (byte) 0x28};
        byte[] rest = (",bad." + s + "@example.com,,,acc-" + s + ",A,,,,u-olivia,,\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[good.length + bad.length + rest.length];
        System.arraycopy(good, 0, body, 0, good.length);
        System.arraycopy(bad, 0, body, good.length, bad.length);
        System.arraycopy(rest, 0, body, good.length + bad.length, rest.length);
        String jobId = as(PM).contentType(CSV_UTF8).body(body).post("/api/advocates/imports").then().statusCode(202)
                .extract().path("id");
        JsonPath job = awaitDone(jobId);
        assertEquals(1, job.getInt("created"));
        assertEquals(List.of(3), job.getList("rejected.line"));
    }
}
