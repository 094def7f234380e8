package app.rapport.advocate.rest;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static app.rapport.advocate.Fixtures.PM;
import static app.rapport.advocate.Fixtures.advocate;
import static app.rapport.advocate.Fixtures.as;
import static app.rapport.advocate.Fixtures.createId;
import static app.rapport.advocate.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each mutation publishes exactly one event of its type on advocate-events, keyed by the advocate
 * id, with CloudEvents headers (ce_subject = the advocate id), the snapshot after the change, and no
 * email, phone, leave reason or busy note anywhere in the value.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AdvocateEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyMutationPublishesExactlyItsEvent() {
        String s = unique();
        Map<String, Object> body = advocate(s);
        String email = (String) body.get("email");
        String phone = (String) body.get("phone");
        String id = createId(body);

        as(PM).contentType("application/merge-patch+json").body(Map.of("title", "CTO", "tags", List.of("cobol")))
                .patch("/api/advocates/" + id).then().statusCode(200);
        as(PM).contentType(ContentType.JSON).body(Map.of("ownerId", "u-oscar")).put("/api/advocates/" + id + "/owner")
                .then().statusCode(200);
        as(PM).contentType(ContentType.JSON).body(Map.of("status", "PAUSED")).put("/api/advocates/" + id + "/status")
                .then().statusCode(200);
        String leaveId = as(PM).contentType(ContentType.JSON)
                .body(Map.of("from", "2030-07-01", "to", "2030-07-14", "reason", "surgery, private"))
                .post("/api/advocates/" + id + "/leaves").then().statusCode(201).extract().path("id");
        as(PM).delete("/api/advocates/" + id + "/leaves/" + leaveId).then().statusCode(204);
        String until = LocalDate.now().plusDays(10).toString();
        as(PM).contentType(ContentType.JSON).body(Map.of("until", until, "note", "secret project Falcon"))
                .put("/api/advocates/" + id + "/busy").then().statusCode(200);
        as(PM).delete("/api/advocates/" + id + "/busy").then().statusCode(204);

        // changes that change nothing publish nothing
        as(PM).contentType(ContentType.JSON).body(Map.of("status", "PAUSED")).put("/api/advocates/" + id + "/status")
                .then().statusCode(200);
        as(PM).contentType(ContentType.JSON).body(Map.of("ownerId", "u-oscar")).put("/api/advocates/" + id + "/owner")
                .then().statusCode(200);
        as(PM).delete("/api/advocates/" + id + "/busy").then().statusCode(204);
        as(PM).contentType("application/merge-patch+json").body(Map.of("title", "CTO"))
                .patch("/api/advocates/" + id).then().statusCode(200);
        // and neither do refused ones
        as(PM).contentType(ContentType.JSON).body(Map.of("status", "ASLEEP")).put("/api/advocates/" + id + "/status")
                .then().statusCode(400);

        List<String> expected = List.of(EventTypes.ADVOCATE_REGISTERED, EventTypes.ADVOCATE_UPDATED,
                EventTypes.ADVOCATE_OWNER_CHANGED, EventTypes.ADVOCATE_STATUS_CHANGED,
                EventTypes.ADVOCATE_LEAVE_SCHEDULED, EventTypes.ADVOCATE_LEAVE_CANCELLED,
                EventTypes.ADVOCATE_BUSY_SET, EventTypes.ADVOCATE_BUSY_CLEARED);
        List<ConsumerRecord<String, String>> records = KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, id,
                expected.size(), WAIT);
        assertEquals(expected, records.stream().map(r -> KafkaTestSupport.header(r, CloudEventHeaders.TYPE)).toList());
        // ... and nothing more arrives
        assertEquals(expected.size(), KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, id, expected.size() + 1,
                Duration.ofSeconds(3)).size());

        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> r = records.get(i);
            assertEquals(id, r.key(), "keyed by advocateId");
            assertEquals(id, KafkaTestSupport.header(r, CloudEventHeaders.SUBJECT));
            assertEquals("advocate-service", KafkaTestSupport.header(r, CloudEventHeaders.SOURCE));
            assertEquals("1.0", KafkaTestSupport.header(r, CloudEventHeaders.SPEC_VERSION));
            assertNotNull(KafkaTestSupport.header(r, CloudEventHeaders.TIME));
            assertTrue(ids.add(KafkaTestSupport.header(r, CloudEventHeaders.ID)), "ce_id is unique");
            String json = r.value();
            assertFalse(json.contains(email), "no email in " + json);
            assertFalse(json.toLowerCase().contains(email.toLowerCase()), "no email in " + json);
            assertFalse(json.contains(phone), "no phone in " + json);
            assertFalse(json.contains("\"email\"") || json.contains("\"phone\""), json);
            assertFalse(json.contains("surgery") || json.contains("Falcon"), "no leave reason or busy note: " + json);
            AdvocateEvent e = EventJson.read(json, AdvocateEvent.class);
            assertEquals(id, e.advocate().advocateId());
            assertEquals(i + 1, e.advocate().version(), "the snapshot is the state after the change");
            assertEquals("u-pam", e.by());
            assertNotNull(e.at());
        }

        AdvocateEvent registered = EventJson.read(records.get(0).value(), AdvocateEvent.class);
        assertEquals("crm-" + s, registered.advocate().externalId());
        assertEquals("acc-" + s, registered.advocate().account().id());
        assertEquals("u-olivia", registered.advocate().ownerId());
        assertEquals(AdvocateStatus.ACTIVE, registered.advocate().status());
        assertEquals(List.of(Activity.REFERENCE_CALL, Activity.CASE_STUDY), registered.advocate().activities());
        assertEquals(List.of("mainframes", "compilers"), registered.advocate().tags());
        assertEquals(2, registered.advocate().maxAsksPerQuarter());
        assertEquals(List.of(Channel.VIDEO, Channel.EMAIL), registered.advocate().channels());

        AdvocateEvent updated = EventJson.read(records.get(1).value(), AdvocateEvent.class);
        assertEquals(List.of("title", "tags"), updated.changedFields());
        assertEquals("CTO", updated.advocate().title());

        AdvocateEvent ownerChanged = EventJson.read(records.get(2).value(), AdvocateEvent.class);
        assertEquals("u-olivia", ownerChanged.previousOwnerId());
        assertEquals("u-oscar", ownerChanged.advocate().ownerId());

        AdvocateEvent statusChanged = EventJson.read(records.get(3).value(), AdvocateEvent.class);
        assertEquals(AdvocateStatus.ACTIVE, statusChanged.previousStatus());
        assertEquals(AdvocateStatus.PAUSED, statusChanged.advocate().status());

        AdvocateEvent scheduled = EventJson.read(records.get(4).value(), AdvocateEvent.class);
        assertEquals(leaveId, scheduled.leave().id());
        assertEquals(LocalDate.parse("2030-07-01"), scheduled.leave().from());
        assertEquals(LocalDate.parse("2030-07-14"), scheduled.leave().to());
        assertEquals(List.of(scheduled.leave()), scheduled.advocate().leaves());

        AdvocateEvent cancelled = EventJson.read(records.get(5).value(), AdvocateEvent.class);
        assertEquals(leaveId, cancelled.leave().id());
        assertEquals(List.of(), cancelled.advocate().leaves());

        AdvocateEvent busySet = EventJson.read(records.get(6).value(), AdvocateEvent.class);
        assertEquals(LocalDate.parse(until), busySet.advocate().busyUntil());

        AdvocateEvent busyCleared = EventJson.read(records.get(7).value(), AdvocateEvent.class);
        assertNull(busyCleared.advocate().busyUntil());
    }

    @Test
    void aRefusedCreatePublishesNothing() {
        String s = unique();
        Map<String, Object> body = advocate(s);
        createId(body);
        Map<String, Object> dup = advocate(unique());
        dup.put("email", body.get("email"));
        as(PM).contentType(ContentType.JSON).body(dup).post("/api/advocates").then().statusCode(409);
        List<ConsumerRecord<String, String>> registered = KafkaTestSupport.readUntil(Topics.ADVOCATE_EVENTS,
                r -> r.value().contains("\"crm-" + s + "\"") || r.value().contains((String) dup.get("externalId")),
                l -> l.size() >= 2, Duration.ofSeconds(5));
        assertEquals(1, registered.size());
    }
}
