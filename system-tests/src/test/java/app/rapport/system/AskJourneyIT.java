package app.rapport.system;

import app.rapport.events.Topics;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.PackagedStack;
import app.rapport.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life of one ask across all four services, through the gateway only: a programme manager
 * registers an advocate, a seller asks, the gate routes it to the relationship owner, the owner
 * makes the ask personally, the timeline records it, and the gate then protects the advocate.
 */
class AskJourneyIT {
    static PackagedStack stack;
    static final String PM = "u-pam";
    static final String OWNER = "u-olivia";
    static final String OTHER_OWNER = "u-omar";
    static final String REQUESTER = "u-rick";

    @BeforeAll
    static void start() {
        stack = PackagedStack.get();
    }

    static RequestSpecification as(String sub, String... roles) {
        return RestAssured.given().baseUri(stack.gatewayUrl())
                .header("Authorization", "Bearer " + TestTokens.token(sub, roles))
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    @Test
    void anAskGoesThroughTheGateToTheOwnerWhoMakesItPersonally() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "dana." + suffix + "@example.com";
        String phone = "+44 20 7946 " + (1000 + (int) (Math.random() * 8999));

        // 1. a programme manager registers an advocate
        Response created = as(PM, "programme-manager").body(Map.of(
                        "externalId", "crm-" + suffix,
                        "name", "Dana Whitfield",
                        "email", email,
                        "phone", phone,
                        "title", "VP Engineering",
                        "account", Map.of("id", "acc-" + suffix, "name", "Northwind " + suffix,
                                "industry", "Logistics", "region", "EMEA", "segment", "Enterprise"),
                        "ownerId", OWNER,
                        "tags", List.of("kafka", "migration"),
                        "activities", List.of("REFERENCE_CALL", "CASE_STUDY")))
                .when().post("/api/advocates");
        created.then().statusCode(201).header("Location", notNullValue());
        String advocateId = created.jsonPath().getString("id");

        // 2. contact details only for the owner
        as(REQUESTER, "requester").when().get("/api/advocates/" + advocateId)
                .then().statusCode(200).body("email", nullValue()).body("phone", nullValue())
                .body("name", equalTo("Dana Whitfield"));
        as(OWNER, "owner").when().get("/api/advocates/" + advocateId)
                .then().statusCode(200).body("email", equalTo(email));

        // 3. the registration reaches the gate through Kafka
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as(REQUESTER, "requester").queryParam("advocateId", advocateId).queryParam("activity", "REFERENCE_CALL")
                        .when().get("/api/eligibility")
                        .then().statusCode(200).body("eligible", equalTo(true)));

        // 4. a seller asks; the gate routes it to the owner with a brief
        Response ask = as(REQUESTER, "requester").body(Map.of(
                        "advocateId", advocateId,
                        "activity", "REFERENCE_CALL",
                        "dueBy", LocalDate.now().plusDays(10).toString(),
                        "context", Map.of("opportunity", "opp-" + suffix, "need", "A peer call about Kafka migration")))
                .when().post("/api/asks");
        ask.then().statusCode(201)
                .body("status", equalTo("AWAITING_OWNER"))
                .body("ownerId", equalTo(OWNER))
                .body("requesterId", equalTo(REQUESTER))
                .body("eligibility.eligible", equalTo(true))
                .body("brief", notNullValue());
        String askId = ask.jsonPath().getString("id");

        // 5. it waits in the owner's inbox
        as(OWNER, "owner").when().get("/api/asks/inbox")
                .then().statusCode(200).body("items.id", hasItem(askId));

        // 6. nobody but the current owner can make the ask
        as(OTHER_OWNER, "owner").body(Map.of("channel", "EMAIL")).when().post("/api/asks/" + askId + "/send")
                .then().statusCode(403).contentType("application/problem+json");

        // 7. the owner makes it personally; Rapport records that it happened
        as(OWNER, "owner").body(Map.of("channel", "PHONE", "note", "Called Dana after our QBR"))
                .when().post("/api/asks/" + askId + "/send")
                .then().statusCode(200).body("status", equalTo("SENT"));

        // 8. the relationship timeline shows it, from ask-events
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as(OWNER, "owner").when().get("/api/advocates/" + advocateId + "/timeline")
                        .then().statusCode(200).body("items.type", hasItem("ASK_SENT")));

        // 9. the gate now protects the advocate from a second ask
        Response second = as(REQUESTER, "requester").body(Map.of(
                        "advocateId", advocateId, "activity", "CASE_STUDY",
                        "context", Map.of("need", "A written case study")))
                .when().post("/api/asks");
        second.then().statusCode(201).body("status", equalTo("BLOCKED"));
        List<String> codes = second.jsonPath().getList("eligibility.reasons.code");
        assertTrue(codes.contains("RECENTLY_ASKED"), "blocked as recently asked: " + codes);
        assertTrue(codes.contains("WORKLOAD"), "blocked for workload: " + codes);

        // 10. a leave scheduled in advocate-service reaches the gate
        as(PM, "programme-manager").body(Map.of("from", LocalDate.now().plusDays(1).toString(),
                        "to", LocalDate.now().plusDays(5).toString(), "reason", "Parental leave"))
                .when().post("/api/advocates/" + advocateId + "/leaves")
                .then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as(REQUESTER, "requester").queryParam("advocateId", advocateId).queryParam("activity", "CASE_STUDY")
                        .when().get("/api/eligibility")
                        .then().statusCode(200).body("reasons.code", hasItem("ON_LEAVE")));

        // 11. the 360 view gathers everything in one call
        as(OWNER, "owner").when().get("/api/advocates/" + advocateId + "/360")
                .then().statusCode(200)
                .body("advocate.id", equalTo(advocateId))
                .body("advocate.email", equalTo(email))
                .body("openAsks.id", hasItem(askId))
                .body("relationship", notNullValue())
                .body("timeline", notNullValue());
        as(REQUESTER, "requester").when().get("/api/advocates/" + advocateId + "/360")
                .then().statusCode(200).body("advocate.email", nullValue());

        // 12. no contact detail ever went over Kafka
        for (String topic : Topics.ALL) {
            List<ConsumerRecord<String, String>> records = KafkaTestSupport.readUntil(topic,
                    r -> advocateId.equals(r.key()), l -> false, Duration.ofSeconds(3));
            if (!topic.equals(Topics.TOUCHPOINT_EVENTS)) {
                assertFalse(records.isEmpty(), "events for the advocate on " + topic);
            }
            for (ConsumerRecord<String, String> r : records) {
                assertFalse(r.value().contains(email), topic + " carried the email: " + r.value());
                assertFalse(r.value().contains(phone), topic + " carried the phone: " + r.value());
                assertEquals(advocateId, r.key());
            }
        }
    }
}
