package app.rapport.ask.domain.eligibility;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The second batch's rules (account situation, owner capacity, consent, give and take) on their boundaries. */
class AccountAndPeopleRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final Policy POLICY = Policy.defaults();
    static final String ACTIVITY = "REFERENCE_CALL";

    static AdvocateView view(Map<String, LocalDate> consents) {
        return new AdvocateView("adv-1", "acc-1", "u-owner", "ACTIVE", List.of(ACTIVITY, "CASE_STUDY"), List.of(),
                null, null, consents);
    }

    static Instant daysAgo(int n) {
        return TODAY.minusDays(n).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    static AccountView account(List<AccountView.OpenCase> cases, List<AccountView.Escalation> escalations,
            LocalDate renewsOn, Integer nps, Instant npsAt) {
        return new AccountView("acc-1", cases, escalations, renewsOn, nps, npsAt);
    }

    static Decision decide(AccountView account) {
        return EligibilityGate.evaluate(view(Map.of()), account, Usage.none(), POLICY, TODAY,
                new AskRequest(ACTIVITY, null));
    }

    static Decision decide(AdvocateView view, Usage usage) {
        return EligibilityGate.evaluate(view, null, usage, POLICY, TODAY, new AskRequest(ACTIVITY, null));
    }

    static Reason only(Decision d, ReasonCode code) {
        assertFalse(d.eligible());
        assertEquals(List.of(code.name()), d.codes(), "reasons: " + d.reasons());
        Reason r = d.reasons().get(0);
        assertEquals(code.severity(), r.severity());
        assertFalse(r.message().isBlank());
        return r;
    }

    // ---- ACCOUNT_AT_RISK ---------------------------------------------------------------------

    @Test
    void aP1OrP2CaseIsHardWithTheCaseAndItsAge() {
        for (String p : List.of("P1", "P2")) {
            Reason r = only(decide(account(List.of(new AccountView.OpenCase("case-9", p, daysAgo(3))), List.of(),
                    null, null, null)), ReasonCode.ACCOUNT_AT_RISK);
            assertEquals(Severity.HARD, r.severity());
            assertNull(r.until());
            assertTrue(r.message().contains("case-9") && r.message().contains(p) && r.message().contains("3 days"),
                    r.message());
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) ((List<Object>) r.evidence().get("cases")).get(0);
            assertEquals("case-9", c.get("caseId"));
            assertEquals(p, c.get("priority"));
            assertEquals(3, c.get("ageDays"));
        }
    }

    @Test
    void p3AndP4CasesDoNotBlock() {
        assertTrue(decide(account(List.of(new AccountView.OpenCase("c3", "P3", daysAgo(1)),
                new AccountView.OpenCase("c4", "P4", daysAgo(40))), List.of(), null, null, null)).eligible());
    }

    @Test
    void anOpenEscalationIsHard() {
        Reason r = only(decide(account(List.of(), List.of(new AccountView.Escalation("esc-1", daysAgo(0))), null,
                null, null)), ReasonCode.ACCOUNT_AT_RISK);
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) ((List<Object>) r.evidence().get("escalations")).get(0);
        assertEquals("esc-1", e.get("escalationId"));
        assertEquals(0, e.get("ageDays"));
    }

    @Test
    void noSituationNoReason() {
        assertTrue(decide(AccountView.none("acc-1")).eligible());
        assertTrue(decide((AccountView) null).eligible());
    }

    // ---- RENEWAL_WINDOW ----------------------------------------------------------------------

    @Test
    void renewalExactly30DaysAwayIsInTheWindowAnd31IsNot() {
        Reason r = only(decide(account(List.of(), List.of(), TODAY.plusDays(30), null, null)), ReasonCode.RENEWAL_WINDOW);
        assertEquals(TODAY.plusDays(31), r.until());
        assertEquals(30, r.evidence().get("daysUntilRenewal"));
        assertTrue(decide(account(List.of(), List.of(), TODAY.plusDays(31), null, null)).eligible());
    }

    @Test
    void renewalTodayIsInTheWindowAndYesterdayIsNot() {
        Reason r = only(decide(account(List.of(), List.of(), TODAY, null, null)), ReasonCode.RENEWAL_WINDOW);
        assertEquals(TODAY.plusDays(1), r.until());
        assertTrue(decide(account(List.of(), List.of(), TODAY.minusDays(1), null, null)).eligible());
    }

    @Test
    void renewalQuietDaysComesFromThePolicy() {
        Policy p = new Policy(2, 30, 2, 4, 1, 10, 5, 365, 2);
        AccountView a = account(List.of(), List.of(), TODAY.plusDays(11), null, null);
        assertTrue(EligibilityGate.evaluate(view(Map.of()), a, Usage.none(), p, TODAY, new AskRequest(ACTIVITY, null))
                .eligible());
    }

    // ---- DETRACTOR ---------------------------------------------------------------------------

    @Test
    void npsSixIsADetractorAndSevenIsNot() {
        Reason r = only(decide(account(List.of(), List.of(), null, 6, daysAgo(10))), ReasonCode.DETRACTOR);
        assertEquals(TODAY.minusDays(10).plusDays(90), r.until());
        assertEquals(6, r.evidence().get("score"));
        assertTrue(decide(account(List.of(), List.of(), null, 7, daysAgo(10))).eligible());
    }

    @Test
    void aDetractor89DaysOldCountsAnd90DaysOldDoesNot() {
        Reason r = only(decide(account(List.of(), List.of(), null, 2, daysAgo(89))), ReasonCode.DETRACTOR);
        assertEquals(TODAY.plusDays(1), r.until());
        assertTrue(decide(account(List.of(), List.of(), null, 2, daysAgo(90))).eligible());
    }

    // ---- OWNER_CAPACITY ----------------------------------------------------------------------

    static Usage routed(int n, int daysAgo) {
        List<Usage.Use> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(Usage.Use.routed("ask-r" + i, "adv-" + (i + 10), TODAY.minusDays(daysAgo), ACTIVITY));
        }
        return new Usage(List.of(), List.of(), List.of(), List.of(), r);
    }

    @Test
    void exactlyFiveRoutedBlocksAndFourDoesNot() {
        Reason r = only(decide(view(Map.of()), routed(5, 2)), ReasonCode.OWNER_CAPACITY);
        assertEquals(5, r.evidence().get("count"));
        assertEquals(5, r.evidence().get("cap"));
        assertEquals(TODAY.minusDays(2).plusDays(7), r.until());
        assertTrue(decide(view(Map.of()), routed(4, 2)).eligible());
    }

    @Test
    void anAskRoutedSevenDaysAgoNoLongerCounts() {
        assertTrue(decide(view(Map.of()), routed(5, 7)).eligible());
        assertFalse(decide(view(Map.of()), routed(5, 6)).eligible());
    }

    @Test
    void ownerCapacityIsNotCheckedWithoutTheOwnersLedger() {
        assertTrue(decide(view(Map.of()), new Usage(List.of(), List.of(), List.of(), List.of(), null)).eligible());
    }

    // ---- CONSENT_STALE -----------------------------------------------------------------------

    @Test
    void consent365DaysOldIsFreshAnd366IsStale() {
        assertTrue(decide(view(Map.of(ACTIVITY, TODAY.minusDays(365))), Usage.none()).eligible());
        Reason r = only(decide(view(Map.of(ACTIVITY, TODAY.minusDays(366))), Usage.none()), ReasonCode.CONSENT_STALE);
        assertEquals(366, r.evidence().get("ageDays"));
        assertEquals(TODAY.minusDays(366).toString(), r.evidence().get("confirmedOn"));
    }

    @Test
    void noConsentDataNoReasonAndOnlyTheAskedActivityCounts() {
        assertTrue(decide(view(Map.of()), Usage.none()).eligible());
        assertTrue(decide(view(Map.of("CASE_STUDY", TODAY.minusDays(1000))), Usage.none()).eligible());
    }

    // ---- GIVE_TAKE_BALANCE -------------------------------------------------------------------

    static Usage takesAndGives(int takes, int gives) {
        List<Usage.Use> uses = new ArrayList<>();
        for (int i = 0; i < takes; i++) {
            uses.add(Usage.Use.touchpoint("tp-use-" + i, "adv-1", TODAY.minusDays(100 + i), ACTIVITY));
        }
        List<Usage.Use> g = new ArrayList<>();
        for (int i = 0; i < gives; i++) {
            g.add(Usage.Use.give("tp-give-" + i, "adv-1", TODAY.minusDays(50 + i), "THANK_YOU"));
        }
        return new Usage(List.of(), uses, uses, g, null);
    }

    @Test
    void takeMinusGiveOfTwoIsFineAndThreeIsNot() {
        assertTrue(decide(view(Map.of()), takesAndGives(2, 0)).eligible());
        assertTrue(decide(view(Map.of()), takesAndGives(4, 2)).eligible());
        Reason r = only(decide(view(Map.of()), takesAndGives(4, 1)), ReasonCode.GIVE_TAKE_BALANCE);
        assertEquals(1, r.evidence().get("givesToRestore"));
        assertTrue(r.message().contains("1 more give"), r.message());
        Reason five = only(decide(view(Map.of()), takesAndGives(5, 0)), ReasonCode.GIVE_TAKE_BALANCE);
        assertEquals(3, five.evidence().get("givesToRestore"));
        assertTrue(five.message().contains("3 more gives"), five.message());
    }

    @Test
    void usesAndGives180DaysOldNoLongerCount() {
        List<Usage.Use> uses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uses.add(Usage.Use.touchpoint("old-" + i, "adv-1", TODAY.minusDays(180), ACTIVITY));
        }
        assertTrue(decide(view(Map.of()), new Usage(List.of(), uses, uses, List.of(), null)).eligible());
        uses.set(0, Usage.Use.touchpoint("new-0", "adv-1", TODAY.minusDays(179), ACTIVITY));
        List<Usage.Use> more = new ArrayList<>(uses);
        more.add(Usage.Use.touchpoint("new-1", "adv-1", TODAY.minusDays(150), ACTIVITY));
        more.add(Usage.Use.touchpoint("new-2", "adv-1", TODAY.minusDays(140), ACTIVITY));
        only(decide(view(Map.of()), new Usage(List.of(), more, more, List.of(), null)), ReasonCode.GIVE_TAKE_BALANCE);
    }
}
