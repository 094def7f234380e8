package app.rapport.ask.it;

import app.rapport.ask.domain.eligibility.AccountView;
import app.rapport.ask.domain.usage.Ledger;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.events.EventTypes;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.createAsk;
import static app.rapport.ask.it.TestAdvocates.eligibility;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWNER_CAPACITY holds under simultaneous asks: each routing is reserved by a conditional write on the
 * owner's ledger. Also: the account situation and the gives kept on the ledgers reach the gate.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class OwnerCapacityTest {
    @Inject
    UsageLedgers ledgers;

    @Test
    void twentySimultaneousAsksForOneOwnerRouteExactlyFive() throws Exception {
        String owner = "u-owner-cap-" + UUID.randomUUID().toString().substring(0, 8);
        List<Adv> advocates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Adv a = advocate();
            a.ownerId = owner;
            a.publish(EventTypes.ADVOCATE_REGISTERED);
            advocates.add(a);
        }
        for (Adv a : advocates) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> eligibility(a, "REFERENCE_CALL").extract().statusCode() == 200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<ExtractableResponse<Response>> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
            for (Adv a : advocates) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return createAsk(a, a.requester(), "REFERENCE_CALL", null).extract();
                }));
            }
            start.countDown();
            for (Future<ExtractableResponse<Response>> f : futures) {
                responses.add(f.get(180, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> statuses = new ArrayList<>();
        for (ExtractableResponse<Response> r : responses) {
            assertEquals(201, r.statusCode(), r.body().asString());
            statuses.add(r.path("status"));
        }
        assertEquals(5, statuses.stream().filter("AWAITING_OWNER"::equals).count(), "exactly 5 routed: " + statuses);
        assertEquals(15, statuses.stream().filter("BLOCKED"::equals).count(), "the rest blocked: " + statuses);
        for (ExtractableResponse<Response> r : responses) {
            if ("BLOCKED".equals(r.path("status"))) {
                List<String> codes = r.jsonPath().getList("eligibility.reasons.code");
                assertEquals(List.of("OWNER_CAPACITY"), codes, r.body().asString());
            }
        }
        Ledger l = ledgers.find(UsageLedgers.Scope.OWNER, owner);
        assertEquals(5, l.uses().size(), "the owner's ledger holds the 5 routings: " + l);
        assertTrue(l.uses().stream().noneMatch(Ledger.Entry::pending), "all confirmed: " + l);
    }

    @Test
    void theAccountSituationOnItsLedgerReachesTheGate() {
        Adv a = advocate().register();
        Instant opened = Instant.now().minus(Duration.ofDays(2));
        AccountView atRisk = new AccountView(a.accountId, List.of(new AccountView.OpenCase("case-1", "P1", opened)),
                List.of(), null, null, null);
        assertTrue(ledgers.applySituation(a.accountId, "sig-" + UUID.randomUUID(), atRisk, Instant.now()));
        List<String> codes = eligibility(a, "REFERENCE_CALL").statusCode(200).extract().jsonPath()
                .getList("reasons.code");
        assertEquals(List.of("ACCOUNT_AT_RISK"), codes);
        // closed: the next situation lifts it; an older one is ignored
        Instant now = Instant.now();
        assertTrue(ledgers.applySituation(a.accountId, "sig-" + UUID.randomUUID(), AccountView.none(a.accountId), now));
        assertFalse(ledgers.applySituation(a.accountId, "sig-" + UUID.randomUUID(), atRisk, now.minusSeconds(60)));
        assertTrue(eligibility(a, "REFERENCE_CALL").statusCode(200).extract().jsonPath().getBoolean("eligible"));
        // a routed ask still reserves on a ledger that so far held only the situation
        createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201);
    }

    @Test
    void aGiveIsRecordedOncePerEventId() {
        String advocateId = "adv-give-" + UUID.randomUUID();
        Instant at = Instant.now();
        Ledger.Entry give = new Ledger.Entry("GIVE", "tp-1", advocateId, LocalDate.ofInstant(at, ZoneOffset.UTC),
                "THANK_YOU", false, at);
        assertTrue(ledgers.recordGiveOnce(advocateId, "ev-1", give));
        assertFalse(ledgers.recordGiveOnce(advocateId, "ev-1", give));
        Ledger l = ledgers.find(UsageLedgers.Scope.ADVOCATE, advocateId);
        assertEquals(1, l.gives().size());
        assertEquals("THANK_YOU", l.givesAsUses().get(0).activity());
        assertEquals(0, l.version(), "a give does not move the ledger's version");
    }
}
