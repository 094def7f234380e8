package app.rapport.testing;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.account.AccountSituationChangedEvent;
import app.rapport.events.advocate.AccountRef;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.advocate.LeavePeriod;
import app.rapport.events.ask.AskAccepted;
import app.rapport.events.ask.AskBlocked;
import app.rapport.events.ask.AskDeclinedByAdvocate;
import app.rapport.events.ask.AskRequested;
import app.rapport.events.ask.AskRouted;
import app.rapport.events.ask.AskSent;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.events.ask.PolicyChangedEvent;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;
import app.rapport.events.vocabulary.TouchpointType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AsyncAPI document and its schemas against the code's own names (EventTypes, Topics) and against
 * payloads written the way the services write them (the contract records through EventJson), good and bad.
 */
class EventCatalogueTest {
    private static final EventCatalogue CATALOGUE = EventCatalogue.get();
    private static final Instant AT = Instant.parse("2026-12-03T18:20:00.123Z");

    // ---- the document names what the code names -------------------------------------------------

    @Test
    void everyTopicTheStackCreatesIsAChannelAndNoOther() {
        assertEquals(new TreeSet<>(Topics.CREATED), new TreeSet<>(CATALOGUE.channels()));
    }

    @Test
    void everyEventTypeIsAMessageOfTheTopicItIsPublishedOn() {
        Set<String> advocate = new HashSet<>(EventTypes.ADVOCATE);
        advocate.add(EventTypes.ACCOUNT_SITUATION_CHANGED);
        assertEquals(advocate, CATALOGUE.messages(Topics.ADVOCATE_EVENTS));
        assertEquals(new HashSet<>(EventTypes.ASK), CATALOGUE.messages(Topics.ASK_EVENTS));
        assertEquals(new HashSet<>(EventTypes.TOUCHPOINT), CATALOGUE.messages(Topics.TOUCHPOINT_EVENTS));
    }

    @Test
    void everyConstantOfEventTypesIsNamedByTheDocument() throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String type = (String) f.get(null);
                if (!CATALOGUE.messages().contains(type)) {
                    missing.add(f.getName() + " = " + type);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theSignalsAreMessagesOfTheInputTopic() {
        assertEquals(Set.of("rapport.signal.support-case-opened.v1", "rapport.signal.support-case-updated.v1",
                "rapport.signal.support-case-closed.v1", "rapport.signal.escalation-opened.v1",
                "rapport.signal.escalation-closed.v1", "rapport.signal.renewal-set.v1",
                "rapport.signal.nps-recorded.v1", "rapport.signal.spend-recorded.v1"),
                CATALOGUE.messages(Topics.ACCOUNT_SIGNALS));
    }

    @Test
    void theDeadLetterChannelIsNamedAsTopicsDeadLetterNamesThem() {
        JsonNode channels = CATALOGUE.document().path("channels");
        List<String> addresses = new ArrayList<>();
        channels.forEach(c -> addresses.add(c.path("address").asText()));
        assertTrue(addresses.contains(Topics.deadLetter("{consumer}", "{topic}")), addresses.toString());
    }

    @Test
    void thePublishersAreTheThreeServices() {
        assertEquals(Set.of("advocate-service", "ask-service", "touchpoint-service"), CATALOGUE.publishers());
    }

    // ---- every schema file is a valid 2020-12 schema, and every one is used -------------------------

    @Test
    void everySchemaFileIsAValidDraft202012SchemaWhoseReferencesResolve() throws Exception {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012));
        List<String> files = schemaFiles();
        assertTrue(files.size() > 30, files.toString());
        Map<String, Set<ValidationMessage>> invalid = new LinkedHashMap<>();
        for (String file : files) {
            JsonNode schema;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventCatalogue.SCHEMAS + file)) {
                schema = EventJson.mapper().readTree(in);
            }
            assertEquals(SchemaId.V202012, schema.path("$schema").asText(), file + " declares its dialect");
            Set<ValidationMessage> errors = meta.validate(schema);
            if (!errors.isEmpty()) {
                invalid.put(file, errors);
            }
            CATALOGUE.schema(EventCatalogue.SCHEMAS + file); // resolves every $ref, or throws
        }
        assertEquals(Map.of(), invalid);
        Set<String> referenced = new TreeSet<>();
        referenced.add("common.json");
        CATALOGUE.messages().forEach(t -> referenced.add(CATALOGUE.payloadSchemaPath(t)
                .substring(EventCatalogue.SCHEMAS.length())));
        assertEquals(referenced, new TreeSet<>(files), "every schema file is a message's payload (or common.json)");
    }

    private List<String> schemaFiles() throws IOException, URISyntaxException {
        URL url = getClass().getClassLoader().getResource(EventCatalogue.SCHEMAS + "common.json");
        URI uri = url.toURI();
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem fs = FileSystems.newFileSystem(url.toURI(), Map.of());
                    Stream<Path> s = Files.list(fs.getPath("/" + EventCatalogue.SCHEMAS))) {
                return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            }
        }
        try (Stream<Path> s = Files.list(Path.of(uri).getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void theHeadersSchemasOfTheDocumentResolve() {
        for (String name : List.of("AdvocateServiceHeaders", "AskServiceHeaders", "TouchpointServiceHeaders",
                "SignalHeaders", "DeadLetterHeaders")) {
            CATALOGUE.schema(EventCatalogue.DOCUMENT + "#/components/schemas/" + name);
        }
    }

    // ---- payloads as the services write them pass; drift is caught ----------------------------------

    static AdvocateSnapshot snapshot(LocalDate busyUntil, long version) {
        return new AdvocateSnapshot("adv-1", "crm-1", "Grace Hopper", "VP Engineering",
                new AccountRef("acc-77", "Cobol Systems", "Software", "NA", null), "u-olivia", AdvocateStatus.ACTIVE,
                List.of(Activity.REFERENCE_CALL, Activity.CASE_STUDY), List.of("mainframes"),
                List.of(new LeavePeriod("lv-1", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-14"))),
                busyUntil, 2, List.of(Channel.VIDEO, Channel.EMAIL), version,
                Map.of(Activity.REFERENCE_CALL, LocalDate.parse("2026-06-01")));
    }

    static AskSent sent() {
        return new AskSent("ask-1", "adv-1", "acc-77", "u-rick", "u-olivia", Activity.REFERENCE_CALL, "SENT",
                LocalDate.parse("2026-12-20"), "AWAITING_OWNER", Channel.PHONE, "u-olivia", AT);
    }

    static AskOutcomeRecordedEvent outcome(OutcomeResult previous, BigDecimal amount, String currency) {
        return new AskOutcomeRecordedEvent("ask-1", "adv-1", "acc-77", "u-rick", "u-olivia", Activity.REFERENCE_CALL,
                OutcomeResult.WON, previous, amount, currency, LocalDate.parse("2026-11-30"), previous != null,
                "u-rick", AT);
    }

    @Test
    void payloadsWrittenFromTheContractRecordsConform() {
        assertNoProblems(EventTypes.ADVOCATE_REGISTERED,
                new AdvocateEvent(snapshot(null, 1), null, null, null, null, "import:imp-1", AT));
        assertNoProblems(EventTypes.ADVOCATE_UPDATED,
                new AdvocateEvent(snapshot(null, 6), "u-oscar", null, null, List.of("title", "ownerId"), "u-pam", AT));
        assertNoProblems(EventTypes.ADVOCATE_BUSY_SET,
                new AdvocateEvent(snapshot(LocalDate.parse("2026-06-20"), 3), null, null, null, null, "u-pam", AT));
        assertNoProblems(EventTypes.ADVOCATE_BUSY_CLEARED,
                new AdvocateEvent(snapshot(null, 4), null, null, null, null, "u-pam", AT));
        assertNoProblems(EventTypes.ADVOCATE_LEAVE_SCHEDULED, new AdvocateEvent(snapshot(null, 5), null, null,
                new LeavePeriod("lv-1", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-14")), null, "u-pam", AT));
        assertNoProblems(EventTypes.ADVOCATE_STATUS_CHANGED,
                new AdvocateEvent(snapshot(null, 7), null, AdvocateStatus.PAUSED, null, null, "u-pam", AT));
        assertNoProblems(EventTypes.ASK_SENT, sent());
        assertNoProblems(EventTypes.ASK_REQUESTED, new AskRequested("ask-1", "adv-1", null, "u-rick", null,
                Activity.REVIEW, "BLOCKED", null, List.of("NO_OWNER"), "u-rick", AT));
        assertNoProblems(EventTypes.ASK_BLOCKED, new AskBlocked("ask-1", "adv-1", null, "u-rick", null,
                Activity.REVIEW, "BLOCKED", null, List.of("NO_OWNER"), "system", AT));
        assertNoProblems(EventTypes.ASK_ROUTED, new AskRouted("ask-1", "adv-1", "acc-77", "u-rick", "u-olivia",
                Activity.REVIEW, "AWAITING_OWNER", null, List.of(), "system", AT));
        assertNoProblems(EventTypes.ASK_DECLINED_BY_ADVOCATE, new AskDeclinedByAdvocate("ask-1", "adv-1", "acc-77",
                "u-rick", "u-olivia", Activity.REVIEW, "DECLINED_BY_ADVOCATE", null, "SENT", false, "u-olivia", AT));
        assertNoProblems(EventTypes.ASK_OUTCOME_RECORDED, outcome(null, new BigDecimal("50000.00"), "USD"));
        assertNoProblems(EventTypes.ASK_OUTCOME_RECORDED, outcome(OutcomeResult.LOST, null, null));
        assertNoProblems(EventTypes.POLICY_CHANGED, new PolicyChangedEvent(2, thresholds(), "u-pm", AT));
        assertNoProblems(EventTypes.ACCOUNT_SITUATION_CHANGED, new AccountSituationChangedEvent("acc-77", 3, "sig-9",
                "NPS_RECORDED", List.of(new AccountSituationChangedEvent.OpenCase("case-1", "P2", AT)), List.of(),
                LocalDate.parse("2027-01-31"), new AccountSituationChangedEvent.Nps(9, AT),
                List.of(new AccountSituationChangedEvent.Spend("2026-Q4", new BigDecimal("1200.50"), "EUR")), AT));
        assertNoProblems(EventTypes.TOUCHPOINT_RECORDED, new TouchpointRecordedEvent("tp-1", "adv-1",
                TouchpointType.ACTIVITY, AT, Channel.PHONE, "u-olivia", "ask-7", Activity.REFERENCE_CALL, "ASK_EVENT"));
        assertTrue(CATALOGUE.payloadProblems("rapport.signal.nps-recorded.v1",
                "{\"occurredAt\":\"2026-11-26T09:30:00Z\",\"data\":{\"score\":9}}").isEmpty());
    }

    static Map<String, Integer> thresholds() {
        Map<String, Integer> t = new LinkedHashMap<>();
        for (String k : List.of("minDaysBetweenAsks", "advocateBudgetPer90Days", "accountBudgetPer90Days",
                "maxOpenAsksPerAdvocate", "renewalQuietDays", "maxRoutedAsksPerOwnerPer7Days", "consentMaxAgeDays",
                "maxTakeOverGive")) {
            t.put(k, 5);
        }
        return t;
    }

    @Test
    void anUnknownFieldIsRejectedAtEveryLevel() {
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.put("note", "call her on Tuesday"), "note");
        assertRejected(EventTypes.ADVOCATE_REGISTERED,
                new AdvocateEvent(snapshot(null, 1), null, null, null, null, "u-pam", AT),
                n -> ((ObjectNode) n.get("advocate")).put("email", "grace@example.com"), "email");
        assertRejected(EventTypes.ADVOCATE_REGISTERED,
                new AdvocateEvent(snapshot(null, 1), null, null, null, null, "u-pam", AT),
                n -> ((ObjectNode) n.get("advocate").get("leaves").get(0)).put("reason", "surgery"), "reason");
        assertRejected(EventTypes.ASK_OUTCOME_RECORDED, outcome(null, null, null), n -> n.put("story", "we won"),
                "story");
    }

    @Test
    void aValueOutsideAClosedVocabularyIsRejected() {
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.put("channel", "CARRIER_PIGEON"), "channel");
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.put("activity", "GOLF"), "activity");
        assertRejected(EventTypes.ADVOCATE_STATUS_CHANGED,
                new AdvocateEvent(snapshot(null, 7), null, AdvocateStatus.PAUSED, null, null, "u-pam", AT),
                n -> ((ObjectNode) n.get("advocate")).put("status", "ON_HOLD"), "status");
        assertRejected(EventTypes.ASK_OUTCOME_RECORDED, outcome(null, null, null), n -> n.put("result", "DRAW"),
                "result");
        assertRejected(EventTypes.TOUCHPOINT_RECORDED, new TouchpointRecordedEvent("tp-1", "adv-1",
                TouchpointType.OUTCOME, AT, null, "u-rick", "ask-7", Activity.REFERENCE_CALL, "ASK_EVENT"), n -> { },
                "type");
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.remove("channel"), "channel");
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.remove("at"), "at");
        assertRejected(EventTypes.ASK_BLOCKED, new AskBlocked("ask-1", "adv-1", null, "u-rick", null,
                Activity.REVIEW, "BLOCKED", null, null, "system", AT), n -> { }, "reasonCodes");
        assertRejected(EventTypes.ADVOCATE_OWNER_CHANGED,
                new AdvocateEvent(snapshot(null, 7), null, null, null, null, "u-pam", AT), n -> { }, "previousOwnerId");
        assertRejected(EventTypes.TOUCHPOINT_RECORDED, new TouchpointRecordedEvent("tp-1", "adv-1",
                TouchpointType.ASK_SENT, AT, Channel.PHONE, "u-olivia", null, null, "ASK_EVENT"), n -> { }, "askId");
        assertRejected(EventTypes.POLICY_CHANGED, new PolicyChangedEvent(2, thresholds(), "u-pm", AT),
                n -> ((ObjectNode) n.get("thresholds")).remove("maxTakeOverGive"), "maxTakeOverGive");
    }

    @Test
    void aTypeIsHeldToWhatItCarries() {
        // busy-cleared carries no busyUntil, registered is version 1, sent carries no reason codes
        assertRejected(EventTypes.ADVOCATE_BUSY_CLEARED,
                new AdvocateEvent(snapshot(LocalDate.parse("2026-06-20"), 4), null, null, null, null, "u-pam", AT),
                n -> { }, "busyUntil");
        assertRejected(EventTypes.ADVOCATE_REGISTERED,
                new AdvocateEvent(snapshot(null, 2), null, null, null, null, "u-pam", AT), n -> { }, "version");
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.putArray("reasonCodes").add("BUSY"), "reasonCodes");
        assertRejected(EventTypes.ASK_ACCEPTED, new AskAccepted("ask-1", "adv-1", "acc-77", "u-rick", "u-olivia",
                Activity.REVIEW, "ACCEPTED", null, "SENT", false, "u-olivia", AT), n -> { }, "accepted");
        assertRejected(EventTypes.ASK_OUTCOME_RECORDED, outcome(null, new BigDecimal("10"), "USD"),
                n -> n.remove("currency"), "currency");
        assertRejected(EventTypes.ASK_OUTCOME_RECORDED, outcome(OutcomeResult.LOST, null, null),
                n -> n.put("correction", false), "correction");
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.put("at", "yesterday"), "at");
        assertRejected(EventTypes.ASK_SENT, sent(), n -> n.put("dueBy", "2026-13-45"), "dueBy");
    }

    private static void assertNoProblems(String type, Object payload) {
        assertEquals(List.of(), CATALOGUE.payloadProblems(type, EventJson.write(payload)), type);
    }

    private static void assertRejected(String type, Object payload, Consumer<ObjectNode> change, String field) {
        ObjectNode node = EventJson.mapper().valueToTree(payload);
        change.accept(node);
        List<String> problems = CATALOGUE.payloadProblems(type, node.toString());
        assertFalse(problems.isEmpty(), type + " " + node + " should be rejected");
        assertTrue(problems.stream().anyMatch(p -> p.contains(field)), type + ": " + problems + " should name " + field);
    }

    // ---- whole records ---------------------------------------------------------------------------------

    static ConsumerRecord<String, String> record(String topic, String key, String value, Map<String, String> headers) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(topic, 1, 42L, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, h,
                Optional.empty());
    }

    static Map<String, String> headers(String type, String source, String subject) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.ID, "9b0c2a4e-8d1f-4d8e-9a0b-3f1f7f0d9c11");
        h.put(CloudEventHeaders.TYPE, type);
        h.put(CloudEventHeaders.SOURCE, source);
        h.put(CloudEventHeaders.TIME, AT.toString());
        h.put(CloudEventHeaders.SUBJECT, subject);
        h.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        return h;
    }

    @Test
    void aRecordAsTheRelayWritesItConforms() {
        Map<String, String> h = headers(EventTypes.ASK_SENT, "ask-service", "adv-1");
        h.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertEquals(List.of(), CATALOGUE.problems(record(Topics.ASK_EVENTS, "adv-1", EventJson.write(sent()), h)));
        assertEquals(List.of(), CATALOGUE.problems(record(Topics.ASK_EVENTS, "policy",
                EventJson.write(new PolicyChangedEvent(2, thresholds(), "u-pm", AT)),
                headers(EventTypes.POLICY_CHANGED, "ask-service", "policy"))));
        assertTrue(CATALOGUE.publishedByRapport(record(Topics.ASK_EVENTS, "adv-1", "{}",
                headers(EventTypes.ASK_SENT, "ask-service", "adv-1"))));
        assertFalse(CATALOGUE.publishedByRapport(record(Topics.ASK_EVENTS, "adv-1", "{}",
                headers(EventTypes.ASK_SENT, "test", "adv-1"))));
        assertFalse(CATALOGUE.publishedByRapport(record(Topics.ASK_EVENTS, "adv-1", "{}", Map.of())));
    }

    @Test
    void aRecordOffTheContractIsNamedWithEveryReason() {
        String value = EventJson.write(sent());
        assertProblem(record("asks", "adv-1", value, headers(EventTypes.ASK_SENT, "ask-service", "adv-1")),
                "no channel");
        assertProblem(record(Topics.TOUCHPOINT_EVENTS, "adv-1", value,
                headers(EventTypes.ASK_SENT, "touchpoint-service", "adv-1")), "no message of channel");
        Map<String, String> h = headers(EventTypes.ASK_SENT, "ask-service", "adv-1");
        h.remove(CloudEventHeaders.SPEC_VERSION);
        assertProblem(record(Topics.ASK_EVENTS, "adv-1", value, h), CloudEventHeaders.SPEC_VERSION);
        h = headers(EventTypes.ASK_SENT, "ask-service", "adv-1");
        h.put(CloudEventHeaders.CONTENT_TYPE, "text/plain");
        assertProblem(record(Topics.ASK_EVENTS, "adv-1", value, h), CloudEventHeaders.CONTENT_TYPE);
        h = headers(EventTypes.ASK_SENT, "ask-service", "adv-1");
        h.put(CloudEventHeaders.TIME, "now");
        assertProblem(record(Topics.ASK_EVENTS, "adv-1", value, h), CloudEventHeaders.TIME);
        assertProblem(record(Topics.ASK_EVENTS, "adv-1", value, headers(EventTypes.ASK_SENT, "advocate-service",
                "adv-1")), CloudEventHeaders.SOURCE);
        assertProblem(record(Topics.ASK_EVENTS, "adv-2", value, headers(EventTypes.ASK_SENT, "ask-service", "adv-2")),
                "payload /advocateId");
        assertProblem(record(Topics.ASK_EVENTS, "adv-1", value, headers(EventTypes.ASK_SENT, "ask-service", "adv-9")),
                "ce_subject");
        assertProblem(record(Topics.ASK_EVENTS, "adv-1", "not json", headers(EventTypes.ASK_SENT, "ask-service",
                "adv-1")), "not JSON");
        AssertionError e = assertThrows(AssertionError.class, () -> CATALOGUE.assertConform(List.of(
                record(Topics.ASK_EVENTS, "adv-1", value, headers(EventTypes.ASK_SENT, "ask-service", "adv-1")),
                record(Topics.ASK_EVENTS, "adv-1", "{}", headers(EventTypes.ASK_SENT, "ask-service", "adv-1")))));
        assertTrue(e.getMessage().contains("1 of 2 records") && e.getMessage().contains("ask-events-1@42"),
                e.getMessage());
    }

    private static void assertProblem(ConsumerRecord<String, String> r, String expected) {
        List<String> problems = CATALOGUE.problems(r);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems + " should say " + expected);
    }
}
