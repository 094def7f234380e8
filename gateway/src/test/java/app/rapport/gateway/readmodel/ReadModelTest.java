package app.rapport.gateway.readmodel;

import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AccountRef;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.ask.AskEvent;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.gateway.support.StandIns;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops read model, fed through the real broker: events published on the three topics change
 * {@code /api/ops/summary}; a redelivered {@code ce_id} counts once; the live stream pushes the
 * change; the pipeline panel reads Kafka and the services.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class ReadModelTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ReadModel model;

    @TestHTTPResource("/api/ops/stream")
    URL streamUrl;

    private final String analyst = TestTokens.bearer("u-analyst", "analyst");

    private JsonNode summary() {
        try {
            return JSON.readTree(given().header("Authorization", analyst).get("/api/ops/summary")
                    .then().statusCode(200).extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long funnel(JsonNode s, String window, String stage) {
        return s.path("funnel").path(window).path(stage).asLong();
    }

    static AskEvent ask(String askId, String advocateId, String ownerId, String status, List<String> reasons,
            Instant at) {
        return new AskEvent(askId, advocateId, "acc-1", "u-req", ownerId, "REVIEW", status, null, null, reasons,
                null, null, "u-req", at);
    }

    static void publishAsk(String ceId, String type, AskEvent e) {
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, ceId, type, e.advocateId(), EventJson.write(e));
    }

    @Test
    void askEventsMoveTheFunnelAndARedeliveryCountsOnce() {
        JsonNode before = summary();
        long requested = funnel(before, "last7d", "requested");
        long routed = funnel(before, "last7d", "routed");
        long requested30 = funnel(before, "last30d", "requested");
        long applied = before.path("eventsApplied").asLong();

        String askId = "k-" + UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        AskEvent requestedEvent = ask(askId, "a-funnel", "u-own", "REQUESTED", null, Instant.now());
        publishAsk(ceId, EventTypes.ASK_REQUESTED, requestedEvent);
        publishAsk(ceId, EventTypes.ASK_REQUESTED, requestedEvent); // redelivered
        publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_ROUTED,
                ask(askId, "a-funnel", "u-own", "AWAITING_OWNER", null, Instant.now()));

        await().atMost(WAIT).until(() -> funnel(summary(), "last7d", "routed") == routed + 1);
        JsonNode after = summary();
        assertEquals(requested + 1, funnel(after, "last7d", "requested"));
        assertEquals(requested30 + 1, funnel(after, "last30d", "requested"));
        // the duplicate ce_id was not applied a second time
        assertEquals(applied + 2, after.path("eventsApplied").asLong());
        assertEquals(1, model.applied().countDocuments(Filters.eq("_id", ceId)));
    }

    @Test
    void blockedReasonsAndInboxAgeingAndMostAsked() {
        String owner = "u-slow-owner-" + UUID.randomUUID();
        String hot = "a-hot-" + UUID.randomUUID();
        AdvocateSnapshot snapshot = new AdvocateSnapshot(hot, "x-1", "Hot Advocate", "CTO",
                new AccountRef("acc-1", "Acme", null, null, null), owner, "ACTIVE", List.of("REVIEW"), List.of(),
                List.of(), null, null, List.of(), 1);
        // a snapshot smuggling contact details: the read model keeps only what it shows
        String json = EventJson.write(new AdvocateEvent(snapshot, null, null, null, null, "u-pm", Instant.now()))
                .replace("\"name\":\"Hot Advocate\"", "\"name\":\"Hot Advocate\",\"email\":\"hot@example.com\",\"phone\":\"+1 555\"");
        KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, UUID.randomUUID().toString(),
                EventTypes.ADVOCATE_REGISTERED, hot, json);

        Instant fiveDaysAgo = Instant.now().minus(Duration.ofDays(5));
        for (int i = 0; i < 3; i++) {
            String askId = "k-" + UUID.randomUUID();
            publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_ROUTED,
                    ask(askId, hot, owner, "AWAITING_OWNER", null, fiveDaysAgo));
        }
        publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_BLOCKED,
                ask("k-" + UUID.randomUUID(), hot, owner, "BLOCKED", List.of("ON_LEAVE_TEST", "BUSY"), Instant.now()));

        await().atMost(WAIT).until(() -> {
            JsonNode s = summary();
            return rows(s.path("inboxAgeing")).anyMatch(r -> owner.equals(r.path("ownerId").asText())
                    && r.path("waiting").asLong() == 3)
                    && rows(s.path("mostAsked")).anyMatch(r -> hot.equals(r.path("advocateId").asText())
                    && r.path("asked").asLong() == 4 && "Hot Advocate".equals(r.path("name").asText()))
                    && rows(s.path("blockedReasons").path("reasons")).anyMatch(r ->
                    "ON_LEAVE_TEST".equals(r.path("code").asText()) && r.path("last7d").asLong() == 1);
        });
        JsonNode row = rows(summary().path("inboxAgeing")).filter(r -> owner.equals(r.path("ownerId").asText()))
                .findFirst().orElseThrow();
        assertEquals(5, row.path("oldestDays").asLong());

        Document stored = model.advocates().find(Filters.eq("_id", hot)).first();
        assertNotNull(stored);
        assertEquals("Hot Advocate", stored.getString("name"));
        assertFalse(stored.toJson().contains("hot@example.com"), stored.toJson());
        assertFalse(stored.containsKey("email") || stored.containsKey("phone"));
    }

    @Test
    void theNewestEventDecidesTheStatusWhateverOrderTheyArriveIn() {
        String owner = "u-owner-" + UUID.randomUUID();
        Instant sixDaysAgo = Instant.now().minus(Duration.ofDays(6));
        String waiting = "k-" + UUID.randomUUID();
        String sentLater = "k-" + UUID.randomUUID();
        publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_ROUTED,
                ask(waiting, "a-order", owner, "AWAITING_OWNER", null, sixDaysAgo));
        // the SENT event arrives before the ROUTED one it follows (a replay across partitions, say)
        publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_SENT,
                ask(sentLater, "a-order", owner, "SENT", null, sixDaysAgo.plus(Duration.ofDays(1))));
        publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_ROUTED,
                ask(sentLater, "a-order", owner, "AWAITING_OWNER", null, sixDaysAgo));

        await().atMost(WAIT).until(() -> model.asks().countDocuments(Filters.and(Filters.eq("_id", sentLater),
                Filters.exists("stages.routed"))) == 1
                && rows(summary().path("inboxAgeing")).anyMatch(r -> owner.equals(r.path("ownerId").asText())));
        JsonNode row = rows(summary().path("inboxAgeing")).filter(r -> owner.equals(r.path("ownerId").asText()))
                .findFirst().orElseThrow();
        assertEquals(1, row.path("waiting").asLong(), "the sent ask no longer waits for its owner");
        assertEquals("SENT", model.asks().find(Filters.eq("_id", sentLater)).first().getString("status"));
    }

    @Test
    void relationshipsNeedingAttention() {
        String thanked = "a-thanked-" + UUID.randomUUID();
        String owed = "a-owed-" + UUID.randomUUID();
        String quiet = "a-quiet-" + UUID.randomUUID();
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_COMPLETED,
                ask("k-" + UUID.randomUUID(), owed, "u-o", "COMPLETED", null, tenDaysAgo));
        publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_COMPLETED,
                ask("k-" + UUID.randomUUID(), thanked, "u-o", "COMPLETED", null, tenDaysAgo));
        touch(thanked, "THANK_YOU", Instant.now().minus(Duration.ofDays(2)));
        touch(quiet, "CALL", Instant.now().minus(Duration.ofDays(70)));

        await().atMost(WAIT).until(() -> {
            JsonNode a = summary().path("attention");
            return rows(a.path("thankYousOwed")).anyMatch(r -> owed.equals(r.path("advocateId").asText())
                    && r.path("daysOwed").asLong() == 10)
                    && rows(a.path("noHumanTouch")).anyMatch(r -> quiet.equals(r.path("advocateId").asText())
                    && r.path("daysSinceHumanTouch").asLong() == 70)
                    && model.advocates().countDocuments(Filters.and(Filters.eq("_id", thanked),
                    Filters.exists("lastThankYouAt"))) == 1;
        });
        JsonNode a = summary().path("attention");
        assertFalse(rows(a.path("thankYousOwed")).anyMatch(r -> thanked.equals(r.path("advocateId").asText())),
                "a thank-you after the completed ask settles it");
        assertFalse(rows(a.path("noHumanTouch")).anyMatch(r -> thanked.equals(r.path("advocateId").asText())));
    }

    @Test
    void thePipelinePanelReadsKafkaAndTheServices() {
        // a record the gateway can never apply is dead-lettered and counted
        KafkaTestSupport.send(Topics.TOUCHPOINT_EVENTS, "a-poison", "{}", Map.of());
        await().atMost(WAIT).until(() -> {
            JsonNode p = summary().path("pipeline");
            return rows(p.path("deadLetters")).anyMatch(r -> "gateway.touchpoint-events.dlq".equals(
                    r.path("topic").asText()) && r.path("records").asLong() >= 1);
        });
        JsonNode p = summary().path("pipeline");
        assertTrue(rows(p.path("consumerLag")).anyMatch(r -> "gateway".equals(r.path("group").asText())
                && "ask-events".equals(r.path("topic").asText())), p.toString());
        assertEquals(3, p.path("services").size());
        p.path("services").forEach(s -> {
            assertEquals("UP", s.path("health").asText());
            assertEquals(7, s.path("outboxPending").asLong());
        });
    }

    @Test
    void theStreamPushesAFreshSummaryWhenTheReadModelChanges() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(streamUrl.toURI()).header("Authorization", analyst)
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test ended the stream
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(WAIT).until(() -> lines.contains("event:summary") || lines.contains("event: summary"));
            long before = latestRequested(lines);

            publishAsk(UUID.randomUUID().toString(), EventTypes.ASK_REQUESTED,
                    ask("k-" + UUID.randomUUID(), "a-live", "u-o", "REQUESTED", null, Instant.now()));
            await().atMost(WAIT).until(() -> latestRequested(lines) >= before + 1);
        } finally {
            response.body().close();
        }
    }

    private static long latestRequested(List<String> lines) {
        long value = -1;
        for (String line : lines) {
            if (line.startsWith("data:")) {
                try {
                    JsonNode s = JSON.readTree(line.substring(5).trim());
                    value = funnel(s, "last7d", "requested");
                } catch (Exception e) {
                    // not a summary line
                }
            }
        }
        return value;
    }

    private static void touch(String advocateId, String type, Instant at) {
        KafkaTestSupport.sendCloudEvent(Topics.TOUCHPOINT_EVENTS, UUID.randomUUID().toString(),
                EventTypes.TOUCHPOINT_RECORDED, advocateId, EventJson.write(new TouchpointRecordedEvent(
                        "t-" + UUID.randomUUID(), advocateId, type, at, "PHONE", "u-o", null, null, "MANUAL")));
    }

    private static Stream<JsonNode> rows(JsonNode array) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }
}
