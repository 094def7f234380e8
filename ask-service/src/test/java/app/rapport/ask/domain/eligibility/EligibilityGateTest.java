package app.rapport.ask.domain.eligibility;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the gate on its boundaries, as plain Java. */
class EligibilityGateTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final Policy POLICY = Policy.defaults();

    static AdvocateView view() {
        return new AdvocateView("adv-1", "acc-1", "u-owner", "ACTIVE", List.of("REFERENCE_CALL", "CASE_STUDY"),
                List.of(), null, null);
    }

    static AdvocateView withLeave(LocalDate from, LocalDate to) {
        AdvocateView v = view();
        return new AdvocateView(v.advocateId(), v.accountId(), v.ownerId(), v.status(), v.activities(),
                List.of(new AdvocateView.Leave("leave-1", from, to)), null, null);
    }

    static Decision decide(AdvocateView view, Usage usage) {
        return EligibilityGate.evaluate(view, usage, POLICY, TODAY, new AskRequest("REFERENCE_CALL", null));
    }

    static Decision decide(AdvocateView view, Usage usage, LocalDate dueBy) {
        return EligibilityGate.evaluate(view, usage, POLICY, TODAY, new AskRequest("REFERENCE_CALL", dueBy));
    }

    static Reason only(Decision d, ReasonCode code) {
        assertFalse(d.eligible());
        assertEquals(List.of(code.name()), d.codes(), "reasons: " + d.reasons());
        Reason r = d.reasons().get(0);
        assertEquals(code.severity(), r.severity());
        assertFalse(r.message().isBlank());
        return r;
    }

    static Usage uses(Usage.Use... uses) {
        return new Usage(List.of(), List.of(uses), List.of(uses));
    }

    static Usage.Use askSent(int daysAgo) {
        return Usage.Use.ask("ask-" + daysAgo, "adv-1", TODAY.minusDays(daysAgo), "REFERENCE_CALL");
    }

    @Test
    void aCleanAdvocateIsEligible() {
        Decision d = decide(view(), Usage.none());
        assertTrue(d.eligible());
        assertTrue(d.reasons().isEmpty());
    }

    @Test
    void pausedAndRetiredAreInactive() {
        for (String status : List.of("PAUSED", "RETIRED")) {
            AdvocateView v = new AdvocateView("adv-1", "acc-1", "u-owner", status, List.of("REFERENCE_CALL"),
                    List.of(), null, null);
            Reason r = only(decide(v, Usage.none()), ReasonCode.ADVOCATE_INACTIVE);
            assertEquals(status, r.evidence().get("status"));
        }
    }

    @Test
    void anActivityNotOptedInIsHard() {
        Decision d = EligibilityGate.evaluate(view(), Usage.none(), POLICY, TODAY, new AskRequest("PRESS", null));
        Reason r = only(d, ReasonCode.NOT_OPTED_IN);
        assertEquals("PRESS", r.evidence().get("activity"));
    }

    @Test
    void aLeaveThatEndsTodayStillBlocksAndUntilIsTomorrow() {
        Reason r = only(decide(withLeave(TODAY.minusDays(5), TODAY), Usage.none()), ReasonCode.ON_LEAVE);
        assertEquals(TODAY.plusDays(1), r.until());
        assertEquals("leave-1", ((Map<?, ?>) ((List<?>) r.evidence().get("leaves")).get(0)).get("leaveId"));
        assertTrue(r.message().contains("eligible from 2026-11-25"), r.message());
    }

    @Test
    void aLeaveThatEndedYesterdayDoesNotBlock() {
        assertTrue(decide(withLeave(TODAY.minusDays(5), TODAY.minusDays(1)), Usage.none()).eligible());
    }

    @Test
    void withoutDueByTheWindowIsFourteenDays() {
        // starts on day 14: inside [today, today+14]
        Reason r = only(decide(withLeave(TODAY.plusDays(14), TODAY.plusDays(20)), Usage.none()), ReasonCode.ON_LEAVE);
        assertEquals(TODAY.plusDays(21), r.until());
        // starts on day 15: outside
        assertTrue(decide(withLeave(TODAY.plusDays(15), TODAY.plusDays(20)), Usage.none()).eligible());
    }

    @Test
    void aDueByInsideALeaveBlocks() {
        AdvocateView v = withLeave(TODAY.plusDays(3), TODAY.plusDays(10));
        Reason r = only(decide(v, Usage.none(), TODAY.plusDays(5)), ReasonCode.ON_LEAVE);
        assertEquals(TODAY.plusDays(11), r.until());
        assertEquals(TODAY.plusDays(5).toString(), r.evidence().get("windowTo"));
    }

    @Test
    void aDueByTheDayBeforeALeaveDoesNotBlock() {
        AdvocateView v = withLeave(TODAY.plusDays(3), TODAY.plusDays(10));
        assertTrue(decide(v, Usage.none(), TODAY.plusDays(2)).eligible());
        // and a dueBy exactly on the leave's first day does
        only(decide(v, Usage.none(), TODAY.plusDays(3)), ReasonCode.ON_LEAVE);
    }

    @Test
    void noOwnerIsHard() {
        AdvocateView v = new AdvocateView("adv-1", "acc-1", null, "ACTIVE", List.of("REFERENCE_CALL"), List.of(),
                null, null);
        only(decide(v, Usage.none()), ReasonCode.NO_OWNER);
    }

    @Test
    void anOpenAskForTheSameActivityIsADuplicateAndFillsTheWorkload() {
        Usage u = new Usage(List.of(new Usage.OpenAsk("ask-9", "REFERENCE_CALL", "SENT")), List.of(), List.of());
        Decision d = decide(view(), u);
        assertEquals(List.of("DUPLICATE", "WORKLOAD"), d.codes());
        assertEquals("ask-9", d.reasons().get(0).evidence().get("askId"));
        assertEquals(Severity.HARD, d.reasons().get(0).severity());
        assertEquals(1, d.reasons().get(1).evidence().get("count"));
        assertEquals(1, d.reasons().get(1).evidence().get("cap"));
        assertFalse(d.onlySoft());
    }

    @Test
    void anOpenAskForAnotherActivityIsOnlyWorkloadAndSoft() {
        Usage u = new Usage(List.of(new Usage.OpenAsk("ask-9", "CASE_STUDY", "AWAITING_OWNER")), List.of(), List.of());
        Decision d = decide(view(), u);
        only(d, ReasonCode.WORKLOAD);
        assertTrue(d.onlySoft());
    }

    @Test
    void workloadBelowTheCapIsFine() {
        Policy two = new Policy(2, 30, 2, 4, 2);
        Usage u = new Usage(List.of(new Usage.OpenAsk("ask-9", "CASE_STUDY", "AWAITING_OWNER")), List.of(), List.of());
        assertTrue(EligibilityGate.evaluate(view(), u, two, TODAY, new AskRequest("REFERENCE_CALL", null)).eligible());
    }

    @Test
    void busyUntilTodayBlocksSoftlyAndYesterdayDoesNot() {
        AdvocateView busy = new AdvocateView("adv-1", "acc-1", "u-owner", "ACTIVE", List.of("REFERENCE_CALL"),
                List.of(), TODAY, null);
        Reason r = only(decide(busy, Usage.none()), ReasonCode.BUSY);
        assertEquals(TODAY.plusDays(1), r.until());
        AdvocateView wasBusy = new AdvocateView("adv-1", "acc-1", "u-owner", "ACTIVE", List.of("REFERENCE_CALL"),
                List.of(), TODAY.minusDays(1), null);
        assertTrue(decide(wasBusy, Usage.none()).eligible());
    }

    @Test
    void askedTwentyNineDaysAgoIsRecentAndExactlyThirtyIsNot() {
        Reason r = only(decide(view(), uses(askSent(29))), ReasonCode.RECENTLY_ASKED);
        assertEquals(TODAY.plusDays(1), r.until());
        assertEquals(29, r.evidence().get("daysSince"));
        assertEquals("ask-29", ((Map<?, ?>) r.evidence().get("lastUse")).get("askId"));
        assertTrue(decide(view(), uses(askSent(30))).eligible());
    }

    @Test
    void theMessageReadsLikeTheSpec() {
        Reason r = only(decide(view(), uses(askSent(12))), ReasonCode.RECENTLY_ASKED);
        assertEquals("Last asked 12 days ago (2026-11-12); wait 30 days between asks: eligible from 2026-12-12",
                r.message());
    }

    @Test
    void aManualActivityTouchpointCountsAsUse() {
        Usage.Use tp = Usage.Use.touchpoint("tp-1", "adv-1", TODAY.minusDays(3), "REFERENCE_CALL");
        Reason r = only(decide(view(), uses(tp)), ReasonCode.RECENTLY_ASKED);
        assertEquals("TOUCHPOINT", ((Map<?, ?>) r.evidence().get("lastUse")).get("kind"));
        assertEquals("tp-1", ((Map<?, ?>) r.evidence().get("lastUse")).get("touchpointId"));
    }

    @Test
    void theContactBudgetIsReachedAtExactlyTwo() {
        assertTrue(decide(view(), uses(askSent(40))).eligible());
        Reason r = only(decide(view(), uses(askSent(40), askSent(60))), ReasonCode.CONTACT_BUDGET);
        assertEquals(2, r.evidence().get("count"));
        assertEquals(2, r.evidence().get("cap"));
        // the older use ages out 90 days after it happened
        assertEquals(TODAY.minusDays(60).plusDays(90), r.until());
    }

    @Test
    void aUseExactlyNinetyDaysOldNoLongerCounts() {
        assertTrue(decide(view(), uses(askSent(40), askSent(90))).eligible());
        only(decide(view(), uses(askSent(40), askSent(89))), ReasonCode.CONTACT_BUDGET);
    }

    @Test
    void theAdvocatesOwnLimitWinsWhenLower() {
        AdvocateView v = new AdvocateView("adv-1", "acc-1", "u-owner", "ACTIVE", List.of("REFERENCE_CALL"),
                List.of(), null, 1);
        Reason r = only(decide(v, uses(askSent(45))), ReasonCode.CONTACT_BUDGET);
        assertEquals(1, r.evidence().get("cap"));
        assertEquals("maxAsksPerQuarter", r.evidence().get("threshold"));
        // a higher own limit does not raise the programme's budget
        AdvocateView generous = new AdvocateView("adv-1", "acc-1", "u-owner", "ACTIVE", List.of("REFERENCE_CALL"),
                List.of(), null, 10);
        assertEquals(2, only(decide(generous, uses(askSent(45), askSent(50))), ReasonCode.CONTACT_BUDGET)
                .evidence().get("cap"));
    }

    @Test
    void theAccountBudgetIsReachedAtExactlyFour() {
        List<Usage.Use> account = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            account.add(Usage.Use.ask("other-" + i, "adv-" + (i + 2), TODAY.minusDays(40 + i), "CASE_STUDY"));
        }
        assertTrue(decide(view(), new Usage(List.of(), List.of(), account)).eligible());
        account.add(Usage.Use.ask("other-3", "adv-5", TODAY.minusDays(89), "CASE_STUDY"));
        Reason r = only(decide(view(), new Usage(List.of(), List.of(), account)), ReasonCode.ACCOUNT_BUDGET);
        assertEquals(4, r.evidence().get("count"));
        assertEquals(4, r.evidence().get("cap"));
        assertEquals("acc-1", r.evidence().get("accountId"));
        assertEquals(TODAY.plusDays(1), r.until());
        // at exactly 90 days the oldest no longer counts
        account.set(3, Usage.Use.ask("other-3", "adv-5", TODAY.minusDays(90), "CASE_STUDY"));
        assertTrue(decide(view(), new Usage(List.of(), List.of(), account)).eligible());
    }

    @Test
    void everyReasonIsReportedTogether() {
        AdvocateView v = new AdvocateView("adv-1", "acc-1", null, "PAUSED", List.of(),
                List.of(new AdvocateView.Leave("l", TODAY, TODAY)), TODAY, null);
        Decision d = decide(v, uses(askSent(1), askSent(2)));
        assertEquals(List.of("ADVOCATE_INACTIVE", "NOT_OPTED_IN", "ON_LEAVE", "NO_OWNER", "BUSY", "RECENTLY_ASKED",
                "CONTACT_BUDGET"), d.codes());
        assertNull(d.reasons().get(0).until());
    }
}
