package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.account.AccountSituationChangedEvent;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.eligibility;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * advocate-service's {@code rapport.account.situation-changed.v1} (advocate-events, keyed by the
 * account) reaches the gate through the real broker: an open P1 case blocks the account's advocates
 * with ACCOUNT_AT_RISK, naming the case; the next situation without it lifts the block; a stale
 * situation delivered late changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class AccountSituationEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static void publish(Adv a, long version, List<AccountSituationChangedEvent.OpenCase> cases, Instant at) {
        AccountSituationChangedEvent e = new AccountSituationChangedEvent(a.accountId, version, "sig-" + version,
                "SUPPORT_CASE_OPENED", cases, List.of(), null, null, List.of(), at);
        KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, UUID.randomUUID().toString(),
                EventTypes.ACCOUNT_SITUATION_CHANGED, a.accountId, EventJson.write(e));
    }

    @Test
    void anOpenP1CaseBlocksTheAccountsAdvocatesUntilItCloses() {
        Adv a = advocate().register();
        Instant opened = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant t1 = Instant.now().minusSeconds(120);
        publish(a, 1, List.of(new AccountSituationChangedEvent.OpenCase("CASE-42", "P1", opened)), t1);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> eligibility(a, "REFERENCE_CALL")
                .statusCode(200).body("eligible", equalTo(false)).body("reasons.code", hasItem("ACCOUNT_AT_RISK"))
                .body("reasons.find { it.code == 'ACCOUNT_AT_RISK' }.message", containsString("CASE-42")));

        Instant t2 = t1.plusSeconds(60);
        publish(a, 2, List.of(), t2);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> eligibility(a, "REFERENCE_CALL")
                .statusCode(200).body("eligible", equalTo(true)));

        // the situation of version 1 again, delivered late under another id: once ask-service has
        // committed past it, the case must still be closed
        publish(a, 1, List.of(new AccountSituationChangedEvent.OpenCase("CASE-42", "P1", opened)), t1);
        awaitConsumedUpToTheEnd(a.accountId);
        eligibility(a, "REFERENCE_CALL").statusCode(200).body("eligible", equalTo(true));
    }

    @Test
    void theBriefShowsTheAccountsSituation() {
        Adv a = advocate().register();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant opened = Instant.now().minus(5, ChronoUnit.DAYS);
        int year = today.getYear();
        AccountSituationChangedEvent e = new AccountSituationChangedEvent(a.accountId, 4, "sig-4", "SPEND_RECORDED",
                List.of(new AccountSituationChangedEvent.OpenCase("CASE-7", "P3", opened)), List.of(),
                today.plusDays(200), new AccountSituationChangedEvent.Nps(9, Instant.now().minus(2, ChronoUnit.DAYS)),
                List.of(new AccountSituationChangedEvent.Spend(String.valueOf(year), new BigDecimal("120000.50"), "EUR"),
                        new AccountSituationChangedEvent.Spend(String.valueOf(year - 5), new BigDecimal("900"), "EUR")),
                Instant.now());
        KafkaTestSupport.sendCloudEvent(Topics.ADVOCATE_EVENTS, UUID.randomUUID().toString(),
                EventTypes.ACCOUNT_SITUATION_CHANGED, a.accountId, EventJson.write(e));
        awaitConsumedUpToTheEnd(a.accountId);

        TestAdvocates.createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201)
                .body("status", equalTo("AWAITING_OWNER"))
                .body("brief.account.accountId", equalTo(a.accountId))
                .body("brief.account.openCases[0].caseId", equalTo("CASE-7"))
                .body("brief.account.openCases[0].priority", equalTo("P3"))
                .body("brief.account.openCases[0].ageDays", equalTo(5))
                .body("brief.account.renewsOn", equalTo(today.plusDays(200).toString()))
                .body("brief.account.daysUntilRenewal", equalTo(200))
                .body("brief.account.nps.score", equalTo(9))
                .body("brief.account.spendLastThreeYears.period", contains(String.valueOf(year)))
                .body("brief.account.spendLastThreeYears[0].currency", equalTo("EUR"));
    }

    @Test
    void consentDaysOnTheSnapshotMakeAnOldOptInStaleUntilItIsReconfirmed() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Adv a = advocate();
        a.consents.put("REFERENCE_CALL", today.minusDays(366));
        a.consents.put("CASE_STUDY", today.minusDays(365));
        a.register();
        // a SOFT reason: not eligible as asked, the owner may override
        eligibility(a, "REFERENCE_CALL").statusCode(200).body("eligible", equalTo(false))
                .body("reasons.code", contains("CONSENT_STALE"))
                .body("reasons[0].evidence.confirmedOn", equalTo(today.minusDays(366).toString()));
        eligibility(a, "CASE_STUDY").statusCode(200).body("eligible", equalTo(true));

        a.consents.put("REFERENCE_CALL", today); // the owner re-confirmed: advocate-service publishes updated
        a.publish(EventTypes.ADVOCATE_UPDATED);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> eligibility(a, "REFERENCE_CALL")
                .statusCode(200).body("eligible", equalTo(true)));
    }

    /** Until ask-service's group has committed every record now on the partition of {@code key}. */
    private static void awaitConsumedUpToTheEnd(String key) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.ADVOCATE_EVENTS)).allTopicNames().get()
                    .get(Topics.ADVOCATE_EVENTS).partitions().size();
            // the default partitioner's choice for a keyed record
            int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            TopicPartition tp = new TopicPartition(Topics.ADVOCATE_EVENTS, p);
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("ask-service")
                        .partitionsToOffsetAndMetadata().get().get(tp);
                return committed != null && committed.offset() >= end;
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
