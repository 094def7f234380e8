package app.rapport.gateway.readmodel;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AccountRef;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.gateway.support.StandIns;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
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

    /** The value of an ask lifecycle event as ask-service writes it: the common fields, and reasonCodes if any. */
    static Map<String, Object> ask(String askId, String advocateId, String ownerId, String status, List<String> reasons,
            Instant at) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("askId", askId);
        e.put("advocateId", advocateId);
        e.put("accountId", "acc-1");
        e.put("requesterId", "u-req");
        e.put("ownerId", ownerId);
        e.put("activity", Activity.REVIEW);
        e.put("status", status);
        if (reasons != null) {
            e.put("reasonCodes", reasons);
        }
        e.put("by", "u-req");
        e.put("at", at);
        return e;
    }

    static void publishAsk(String ceId, String type, Map<String, Object> e) {
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, ceId, type, (String) e.get("advocateId"),
                EventJson.write(e));
    }

    static AskOutcomeRecordedEvent outcome(String askId, String advocateId, String accountId, Activity activity,
            OutcomeResult result, OutcomeResult previous, String amount, String currency, LocalDate closedOn,
            Instant at) {
        return new AskOutcomeRecordedEvent(askId, advocateId, accountId, "u-req", "u-own", activity, result, previous,
                amount == null ? null : new BigDecimal(amount), currency, closedOn, previous != null, "u-req", at);
    }

    /** Publishes an outcome event (keyed by its advocate, as ask-service does) and returns its ce_id. */
    static String publishOutcome(AskOutcomeRecordedEvent e) {
        String ceId = UUID.randomUUID().toString();
        publishOutcome(ceId, e);
        return ceId;
    }

    static void publishOutcome(String ceId, AskOutcomeRecordedEvent e) {
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, ceId, EventTypes.ASK_OUTCOME_RECORDED, e.advocateId(),
                EventJson.write(e));
    }

    private boolean allApplied(Set<String> ceIds) {
        return model.applied().countDocuments(Filters.in("_id", ceIds)) == ceIds.size();
    }

    private static BigDecimal won(JsonNode window, String currency) {
        return window.path("won").path("amount").path(currency).decimalValue();
    }

    private static long count(JsonNode window, String result) {
        return window.path(result).path("count").asLong();
    }

    private static JsonNode row(JsonNode rows, String idField, String id) {
        return rows(rows).filter(r -> id.equals(r.path(idField).asText())).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + rows));
    }

    @Test
    void recordedOutcomesMakeTheInfluencedPipelineAndTheNewestRecordOfAnAskHolds() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Activity activity = Activity.PRODUCT_FEEDBACK;
        String named = "a-influencer-" + suffix;
        String other = "a-other-" + suffix;
        String account = "acc-influence-" + suffix;
        AdvocateSnapshot snapshot = new AdvocateSnapshot(named, "x-1", "Ines Influencer", "VP",
                new AccountRef(account, "Influence Corp", null, null, null), "u-own", AdvocateStatus.ACTIVE,
                List.of(activity), List.of(), List.of(), null, null, List.of(), 1);
        KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, UUID.randomUUID().toString(),
                EventTypes.ADVOCATE_REGISTERED, named,
                EventJson.write(new AdvocateEvent(snapshot, null, null, null, null, "u-pm", Instant.now())));

        JsonNode before = summary().path("influence");
        JsonNode before90 = before.path("last90d");
        JsonNode before365 = before.path("last365d");
        assertEquals("USD", before90.path("currency").asText(), before.toString());

        Instant t0 = Instant.now().minus(Duration.ofDays(1));
        Instant t1 = t0.plus(Duration.ofHours(1));
        String corrected = "k-" + UUID.randomUUID();
        String euro = "k-" + UUID.randomUUID();
        String older = "k-" + UUID.randomUUID();
        String undecided = "k-" + UUID.randomUUID();
        String tooOld = "k-" + UUID.randomUUID();
        String wonThenLost = "k-" + UUID.randomUUID();
        Set<String> ceIds = new LinkedHashSet<>();
        // the correction (WON, 2500.10) arrives before the LOST record it corrects: the later `at` holds
        ceIds.add(publishOutcome(outcome(corrected, named, account, activity, OutcomeResult.WON, OutcomeResult.LOST,
                "2500.10", "USD", today.minusDays(10), t1)));
        ceIds.add(publishOutcome(outcome(corrected, named, account, activity, OutcomeResult.LOST, null,
                null, null, today.minusDays(10), t0)));
        // a second currency, listed apart and never converted
        ceIds.add(publishOutcome(outcome(euro, named, account, activity, OutcomeResult.WON, null,
                "700", "EUR", today.minusDays(5), t0)));
        // closed 200 days ago: in the 365-day window only; 400 days ago: in neither
        ceIds.add(publishOutcome(outcome(older, other, account, activity, OutcomeResult.WON, null,
                "1200", "USD", today.minusDays(200), t0)));
        ceIds.add(publishOutcome(outcome(undecided, other, account, activity, OutcomeResult.NO_DECISION, null,
                null, null, today.minusDays(3), t0)));
        ceIds.add(publishOutcome(outcome(tooOld, other, account, activity, OutcomeResult.WON, null,
                "999", "USD", today.minusDays(400), t0)));
        // recorded WON, then corrected to LOST in order, then the first record redelivered
        String first = UUID.randomUUID().toString();
        AskOutcomeRecordedEvent firstRecord = outcome(wonThenLost, named, account, activity, OutcomeResult.WON, null,
                "300", "USD", today.minusDays(1), t0);
        publishOutcome(first, firstRecord);
        ceIds.add(first);
        ceIds.add(publishOutcome(outcome(wonThenLost, named, account, activity, OutcomeResult.LOST, OutcomeResult.WON,
                null, null, today.minusDays(1), t1)));
        publishOutcome(first, firstRecord);

        await().atMost(WAIT).until(() -> allApplied(ceIds) && model.advocates().countDocuments(
                Filters.and(Filters.eq("_id", named), Filters.exists("name"))) == 1);

        JsonNode influence = summary().path("influence");
        JsonNode d90 = influence.path("last90d");
        JsonNode d365 = influence.path("last365d");
        assertEquals(today.minusDays(89).toString(), d90.path("since").asText());
        assertEquals(today.minusDays(364).toString(), d365.path("since").asText());
        assertEquals(count(before90, "won") + 2, count(d90, "won"), d90.toString());
        assertEquals(count(before90, "lost") + 1, count(d90, "lost"));
        assertEquals(count(before90, "noDecision") + 1, count(d90, "noDecision"));
        assertEquals(0, won(before90, "USD").add(new BigDecimal("2500.10")).compareTo(won(d90, "USD")), d90.toString());
        assertEquals(0, won(before90, "EUR").add(new BigDecimal("700")).compareTo(won(d90, "EUR")));
        assertEquals("USD", d90.path("won").path("amount").fieldNames().next(), "the programme currency comes first");
        assertEquals(count(before365, "won") + 3, count(d365, "won"), d365.toString());
        assertEquals(count(before365, "lost") + 1, count(d365, "lost"));
        assertEquals(count(before365, "noDecision") + 1, count(d365, "noDecision"));
        assertEquals(0, won(before365, "USD").add(new BigDecimal("3700.10")).compareTo(won(d365, "USD")));
        assertEquals(0, won(before365, "EUR").add(new BigDecimal("700")).compareTo(won(d365, "EUR")));

        // other tests record no outcomes of this activity, but compare with before all the same
        assertEquals(plus(byActivity(before90, activity), 2, 1, 1), byActivity(d90, activity));
        assertEquals(plus(byActivity(before365, activity), 3, 1, 1), byActivity(d365, activity));

        JsonNode ines = row(d90.path("byAdvocate"), "advocateId", named);
        assertEquals("Ines Influencer", ines.path("name").asText());
        assertEquals(2, ines.path("won").asLong());
        assertEquals(1, ines.path("lost").asLong());
        assertEquals(0, new BigDecimal("2500.10").compareTo(ines.path("wonAmount").decimalValue()),
                "the euros are not converted into the programme's dollars");
        JsonNode acc90 = row(d90.path("byAccount"), "accountId", account);
        assertEquals("Influence Corp", acc90.path("name").asText());
        assertEquals(2, acc90.path("won").asLong());
        assertEquals(1, acc90.path("noDecision").asLong());
        JsonNode acc365 = row(d365.path("byAccount"), "accountId", account);
        assertEquals(3, acc365.path("won").asLong());
        assertEquals(0, new BigDecimal("3700.10").compareTo(acc365.path("wonAmount").decimalValue()));
        assertFalse(row(d365.path("byAdvocate"), "advocateId", other).hasNonNull("name"),
                "no snapshot of that advocate: no name");

        // the read model keeps ids, the result, the amount (exactly) and dates: no free text, nobody's details
        Document stored = model.asks().find(Filters.eq("_id", corrected)).first();
        assertNotNull(stored);
        Document o = stored.get("outcome", Document.class);
        assertEquals(Set.of("result", "amount", "currency", "closedOn", "at"), o.keySet());
        assertEquals("WON", o.getString("result"));
        assertEquals("2500.10", o.getString("amount"));
        assertEquals(today.minusDays(10).toString(), o.getString("closedOn"));
        assertEquals(account, stored.getString("accountId"));
        assertFalse(stored.containsKey("by") || stored.containsKey("requesterId"), stored.toJson());
        assertEquals("LOST", model.asks().find(Filters.eq("_id", wonThenLost)).first()
                .get("outcome", Document.class).getString("result"));
    }

    @Test
    void aPoisonOutcomeIsDeadLetteredAndTheRestOfTheTopicApplied() {
        String advocate = "a-poison-outcome-" + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant at = Instant.now();
        List<String> poison = new ArrayList<>();
        poison.add(publishOutcome(outcome(null, advocate, "acc", Activity.REVIEW, OutcomeResult.WON, null, null, null, today, at)));
        poison.add(publishOutcome(outcome("k-" + UUID.randomUUID(), advocate, "acc", Activity.REVIEW, null, null, null, null,
                today, at)));
        poison.add(publishOutcome(outcome("k-" + UUID.randomUUID(), advocate, "acc", Activity.REVIEW, OutcomeResult.WON, null,
                null, null, null, at)));
        poison.add(publishOutcome(outcome("k-" + UUID.randomUUID(), advocate, "acc", Activity.REVIEW, OutcomeResult.WON, null,
                "10", null, today, at)));
        String unknownResult = UUID.randomUUID().toString();
        KafkaTestSupport.sendCloudEvent(Topics.ASK_EVENTS, unknownResult, EventTypes.ASK_OUTCOME_RECORDED, advocate,
                EventJson.write(outcome("k-" + UUID.randomUUID(), advocate, "acc", Activity.REVIEW, OutcomeResult.WON, null,
                        null, null, today, at)).replace("\"WON\"", "\"MAYBE\""));
        poison.add(unknownResult);
        String good = publishOutcome(outcome("k-" + UUID.randomUUID(), advocate, "acc", Activity.REVIEW, OutcomeResult.LOST, null,
                null, null, today, at));

        await().atMost(WAIT).until(() -> allApplied(Set.of(good)));
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> dead = KafkaTestSupport.readUntil(
                "gateway.ask-events.dlq", r -> poison.contains(KafkaTestSupport.header(r, CloudEventHeaders.ID)),
                l -> l.size() >= poison.size(), WAIT);
        assertEquals(Set.copyOf(poison), Set.copyOf(dead.stream()
                .map(r -> KafkaTestSupport.header(r, CloudEventHeaders.ID)).toList()));
        assertTrue(dead.stream().anyMatch(r -> String.valueOf(KafkaTestSupport.header(r, "dead-letter-reason"))
                .contains("no result")));
        assertEquals(0, model.applied().countDocuments(Filters.in("_id", poison)));
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
        Map<String, Object> requestedEvent = ask(askId, "a-funnel", "u-own", "REQUESTED", null, Instant.now());
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
                new AccountRef("acc-1", "Acme", null, null, null), owner, AdvocateStatus.ACTIVE, List.of(Activity.REVIEW),
                List.of(), List.of(), null, null, List.of(), 1);
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
                        "t-" + UUID.randomUUID(), advocateId, TouchpointType.valueOf(type), at, Channel.PHONE, "u-o", null,
                        null, "MANUAL")));
    }

    /** {won, lost, noDecision} of one activity in a window (zeros when it has none). */
    private static Map<String, Long> byActivity(JsonNode window, Activity activity) {
        JsonNode a = window.path("byActivity").path(activity.name());
        return Map.of("won", a.path("won").asLong(0), "lost", a.path("lost").asLong(0),
                "noDecision", a.path("noDecision").asLong(0));
    }

    private static Map<String, Long> plus(Map<String, Long> counts, long won, long lost, long noDecision) {
        return Map.of("won", counts.get("won") + won, "lost", counts.get("lost") + lost,
                "noDecision", counts.get("noDecision") + noDecision);
    }

    private static Stream<JsonNode> rows(JsonNode array) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }
}
