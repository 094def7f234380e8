package app.rapport.advocate.rest;

import app.rapport.events.EventJson;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static app.rapport.advocate.Fixtures.PM;
import static app.rapport.advocate.Fixtures.advocate;
import static app.rapport.advocate.Fixtures.as;
import static app.rapport.advocate.Fixtures.createId;
import static app.rapport.advocate.Fixtures.owner;
import static app.rapport.advocate.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Consent days ({@code consents: {ACTIVITY: confirmedOn}}): creating and opting in set today, the
 * advocate's owner re-confirms in person through {@code POST /api/advocates/{id}/consents}, and the
 * days travel on the snapshot so that the gate can tell a stale opt-in (CONSENT_STALE).
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class ConsentsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void creatingAndOptingInConfirmToday() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String id = createId(advocate(unique())); // REFERENCE_CALL, CASE_STUDY
        as(PM).get("/api/advocates/" + id).then().statusCode(200)
                .body("consents.REFERENCE_CALL", equalTo(today)).body("consents.CASE_STUDY", equalTo(today));
        as(PM).contentType("application/merge-patch+json").body(Map.of("activities", List.of("CASE_STUDY", "REVIEW")))
                .patch("/api/advocates/" + id).then().statusCode(200)
                .body("consents.REVIEW", equalTo(today)).body("consents.CASE_STUDY", equalTo(today))
                .body("consents.REFERENCE_CALL", equalTo(null));

        List<ConsumerRecord<String, String>> events = KafkaTestSupport.readSubject(Topics.ADVOCATE_EVENTS, id, 2, WAIT);
        AdvocateEvent last = EventJson.read(events.get(1).value(), AdvocateEvent.class);
        assertEquals(Map.of(Activity.CASE_STUDY, LocalDate.parse(today), Activity.REVIEW, LocalDate.parse(today)),
                last.advocate().consents());
    }

    @Test
    void theAdvocatesOwnerReconfirmsInPersonAndOthersMayNot() {
        String id = createId(advocate(unique())); // owned by u-olivia
        as(owner("u-someone-else")).contentType(ContentType.JSON).body(Map.of("activities", List.of("REFERENCE_CALL")))
                .post("/api/advocates/" + id + "/consents").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        as(owner("u-olivia")).contentType(ContentType.JSON).body(Map.of("activities", List.of("REFERENCE_CALL")))
                .post("/api/advocates/" + id + "/consents").then().statusCode(200).body("version", equalTo(2))
                .body("consents.REFERENCE_CALL", equalTo(LocalDate.now(ZoneOffset.UTC).toString()));
        as(PM).contentType(ContentType.JSON).body(Map.of("activities", List.of("SPEAKER")))
                .post("/api/advocates/" + id + "/consents").then().statusCode(400)
                .body("errors.field", hasItem("activities[0]"));
        as(PM).contentType(ContentType.JSON).body(Map.of("activities", List.of()))
                .post("/api/advocates/" + id + "/consents").then().statusCode(400)
                .body("errors.field", hasItem("activities"));
        // refused requests changed nothing
        as(PM).get("/api/advocates/" + id).then().statusCode(200).body("version", equalTo(2));
    }
}
