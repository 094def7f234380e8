package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.ask.service.LedgerRebuild;
import app.rapport.testing.RapportTestResource;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.eligibility;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The usage ledgers: manual uses counted once per ce_id across an account, and the rebuild from existing data. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class UsageLedgerTest {
    @Inject
    MongoClient client;

    @Inject
    LedgerRebuild rebuild;

    Document accountLedger(String accountId) {
        return client.getDatabase("rapport-asks").getCollection("account_usage").find(Filters.eq("_id", accountId))
                .first();
    }

    int accountUses(String accountId) {
        Document d = accountLedger(accountId);
        return d == null ? 0 : d.getList("uses", Document.class, List.of()).size();
    }

    @Test
    void manualUsesAcrossAnAccountCountOnceEachEvenWhenRedelivered() {
        String account = "acc-ledger-" + UUID.randomUUID();
        Adv one = advocate();
        one.accountId = account;
        one.register();
        Adv two = advocate();
        two.accountId = account;
        two.register();
        Adv third = advocate();
        third.accountId = account;
        third.register();
        Instant longAgo = Instant.now().minus(Duration.ofDays(40)); // not RECENTLY_ASKED, still in the 90 days
        String repeated = UUID.randomUUID().toString();
        TestAdvocates.touchpoint(one, "ACTIVITY", "MANUAL", longAgo, null, repeated);
        TestAdvocates.touchpoint(one, "ACTIVITY", "MANUAL", longAgo.plus(Duration.ofDays(1)), null,
                UUID.randomUUID().toString());
        TestAdvocates.touchpoint(two, "ACTIVITY", "MANUAL", longAgo, null, UUID.randomUUID().toString());
        TestAdvocates.touchpoint(two, "ACTIVITY", "ASK_EVENT", longAgo, "ask-x", UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> accountUses(account) == 3);
        // the same ce_id delivered again changes nothing; the next event of the same advocate (same
        // partition, so applied after it) is counted
        TestAdvocates.touchpoint(one, "ACTIVITY", "MANUAL", longAgo, null, repeated);
        TestAdvocates.touchpoint(one, "ACTIVITY", "MANUAL", longAgo.plus(Duration.ofDays(2)), null,
                UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> accountUses(account) >= 4);
        assertEquals(4, accountUses(account), "one use per ce_id; derived touchpoints are not uses");
        eligibility(third, "REFERENCE_CALL").statusCode(200)
                .body("reasons.code", contains("ACCOUNT_BUDGET"))
                .body("reasons[0].evidence.count", equalTo(4));
    }

    @Test
    void theRebuildBuildsLedgersFromAsksThatExistedBeforeThem() {
        Adv a = advocate().register();
        LocalDate sent = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        String askId = "legacy-" + UUID.randomUUID();
        client.getDatabase("rapport-asks").getCollection("asks").insertOne(new Document("_id", askId)
                .append("advocateId", a.id).append("accountId", a.accountId).append("requesterId", "u-req")
                .append("ownerId", a.ownerId).append("activity", "REVIEW").append("status", "COMPLETED")
                .append("sentDate", sent.toString()).append("sentAt", Date.from(sent.atStartOfDay(ZoneOffset.UTC)
                        .toInstant())).append("createdAt", new Date()).append("version", 4).append("history", List.of()));
        eligibility(a, "REFERENCE_CALL").statusCode(200).body("reasons.size()", equalTo(0)); // not known yet
        rebuild.rebuild();
        rebuild.rebuild(); // idempotent
        eligibility(a, "REFERENCE_CALL").statusCode(200)
                .body("reasons.code", contains("RECENTLY_ASKED"))
                .body("reasons[0].evidence.lastUse.askId", equalTo(askId));
        assertEquals(1, accountUses(a.accountId));
    }
}
