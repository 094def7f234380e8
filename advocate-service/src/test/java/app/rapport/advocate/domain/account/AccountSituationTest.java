package app.rapport.advocate.domain.account;

import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Violation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountSituationTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static int seq;

    private static AccountSignal signal(String type, String at, Map<String, ?> data) {
        return AccountSignal.parse("s-" + (++seq), type, at, data, NOW);
    }

    private static AccountSignal caseSignal(String type, String caseId, String priority, String at) {
        return signal(type, at, Map.of("caseId", caseId, "priority", priority));
    }

    @Test
    void anOpenP1OrP2CaseOrAnEscalationPutsTheAccountAtRisk() {
        AccountSituation s = AccountSituation.empty()
                .apply(caseSignal("SUPPORT_CASE_OPENED", "c1", "P3", "2026-11-20T10:00:00Z"));
        assertFalse(s.atRisk(), "a P3 case is not a risk");
        assertEquals(1, s.openCases().size());
        s = s.apply(caseSignal("SUPPORT_CASE_UPDATED", "c1", "P2", "2026-11-21T10:00:00Z"));
        assertTrue(s.atRisk(), "raised to P2");
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), s.openCases().get(0).openedAt(), "opened when first opened");
        s = s.apply(caseSignal("SUPPORT_CASE_CLOSED", "c1", "P2", "2026-11-22T10:00:00Z"));
        assertFalse(s.atRisk());
        assertEquals(List.of(), s.openCases());
        s = s.apply(signal("ESCALATION_OPENED", "2026-11-23T10:00:00Z", Map.of("escalationId", "e1")));
        assertTrue(s.atRisk());
        s = s.apply(signal("ESCALATION_CLOSED", "2026-11-24T10:00:00Z", Map.of("escalationId", "e1")));
        assertFalse(s.atRisk());
    }

    @Test
    void anOlderOpenArrivingAfterTheCloseNeverReopensTheCase() {
        AccountSituation s = AccountSituation.empty()
                .apply(caseSignal("SUPPORT_CASE_CLOSED", "c9", "P1", "2026-11-22T10:00:00Z"))
                .apply(caseSignal("SUPPORT_CASE_OPENED", "c9", "P1", "2026-11-21T10:00:00Z"))
                .apply(caseSignal("SUPPORT_CASE_UPDATED", "c9", "P1", "2026-11-21T11:00:00Z"));
        assertFalse(s.atRisk());
        assertEquals(List.of(), s.openCases());
        AccountSituation reopened = s.apply(caseSignal("SUPPORT_CASE_OPENED", "c9", "P1", "2026-11-23T10:00:00Z"));
        assertTrue(reopened.atRisk(), "a later open does reopen it");
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), reopened.openCases().get(0).openedAt());
    }

    @Test
    void onATieTheCloseWinsWhicheverArrivesFirst() {
        String at = "2026-11-22T10:00:00Z";
        AccountSituation a = AccountSituation.empty().apply(caseSignal("SUPPORT_CASE_OPENED", "c1", "P1", at))
                .apply(caseSignal("SUPPORT_CASE_CLOSED", "c1", "P1", at));
        AccountSituation b = AccountSituation.empty().apply(caseSignal("SUPPORT_CASE_CLOSED", "c1", "P1", at))
                .apply(caseSignal("SUPPORT_CASE_OPENED", "c1", "P1", at));
        assertFalse(a.atRisk());
        assertFalse(b.atRisk());
    }

    @Test
    void anUpdateNeverReopensAClosedCase() {
        AccountSituation s = AccountSituation.empty()
                .apply(caseSignal("SUPPORT_CASE_OPENED", "c1", "P2", "2026-11-20T10:00:00Z"))
                .apply(caseSignal("SUPPORT_CASE_CLOSED", "c1", "P2", "2026-11-21T10:00:00Z"))
                .apply(caseSignal("SUPPORT_CASE_UPDATED", "c1", "P1", "2026-11-22T10:00:00Z"));
        assertFalse(s.atRisk());
    }

    @Test
    void aStaleSignalChangesNothingAtAll() {
        AccountSituation s = AccountSituation.empty()
                .apply(caseSignal("SUPPORT_CASE_OPENED", "c1", "P4", "2026-11-20T10:00:00Z"))
                .apply(signal("RENEWAL_SET", "2026-11-20T10:00:00Z", Map.of("renewsOn", "2027-03-01")))
                .apply(signal("NPS_RECORDED", "2026-11-20T10:00:00Z", Map.of("score", 9)));
        assertSame(s, s.apply(caseSignal("SUPPORT_CASE_UPDATED", "c1", "P1", "2026-11-19T10:00:00Z")));
        assertSame(s, s.apply(signal("RENEWAL_SET", "2026-11-19T10:00:00Z", Map.of("renewsOn", "2026-12-01"))));
        assertSame(s, s.apply(signal("NPS_RECORDED", "2026-11-19T10:00:00Z", Map.of("score", 2))));
        assertEquals(LocalDate.of(2027, 3, 1), s.renewal().value());
        assertEquals(9, s.nps().value());
    }

    @Test
    void theLatestRenewalNpsAndSpendPerPeriodWin() {
        AccountSituation s = AccountSituation.empty()
                .apply(signal("RENEWAL_SET", "2026-11-20T10:00:00Z", Map.of("renewsOn", "2027-03-01")))
                .apply(signal("RENEWAL_SET", "2026-11-21T10:00:00Z", Map.of("renewsOn", "2027-04-01")))
                .apply(signal("NPS_RECORDED", "2026-11-20T10:00:00Z", Map.of("score", 9)))
                .apply(signal("NPS_RECORDED", "2026-11-25T10:00:00Z", Map.of("score", 6)))
                .apply(signal("SPEND_RECORDED", "2026-11-20T10:00:00Z", Map.of("period", "2025", "amount", 1000, "currency", "EUR")))
                .apply(signal("SPEND_RECORDED", "2026-11-21T10:00:00Z", Map.of("period", "2025", "amount", 1200.5, "currency", "EUR")))
                .apply(signal("SPEND_RECORDED", "2026-11-21T10:00:00Z", Map.of("period", "2024", "amount", 800, "currency", "USD")));
        assertEquals(LocalDate.of(2027, 4, 1), s.renewal().value());
        assertEquals(6, s.nps().value());
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), s.nps().at());
        assertEquals(List.of(new AccountSituation.Spend("2024", new BigDecimal("800"), "USD", Instant.parse("2026-11-21T10:00:00Z")),
                new AccountSituation.Spend("2025", new BigDecimal("1200.5"), "EUR", Instant.parse("2026-11-21T10:00:00Z"))),
                s.spendByPeriod());
    }

    @Test
    void closedCasesAreRememberedUpToALimitNewestFirst() {
        AccountSituation s = AccountSituation.empty();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < AccountSituation.REMEMBERED_CLOSED + 5; i++) {
            s = s.apply(caseSignal("SUPPORT_CASE_CLOSED", "c" + i, "P3", t.plusSeconds(i).toString()));
        }
        s = s.apply(caseSignal("SUPPORT_CASE_OPENED", "open", "P3", t.toString()));
        assertEquals(AccountSituation.REMEMBERED_CLOSED + 1, s.cases().size(), "the open one and the newest closed ones");
        assertTrue(s.cases().containsKey("c" + (AccountSituation.REMEMBERED_CLOSED + 4)));
        assertFalse(s.cases().containsKey("c0"));
    }

    @Test
    void aSignalIsCheckedFieldByField() {
        DomainException e = assertThrows(DomainException.class,
                () -> AccountSignal.parse("", "SUPPORT_CASE_OPENED", "yesterday", Map.of("priority", "P0"), NOW));
        assertEquals(List.of(new Violation("id", "is required"),
                new Violation("occurredAt", "must be an ISO-8601 instant such as 2026-11-26T09:30:00Z"),
                new Violation("data.caseId", "is required"),
                new Violation("data.priority", "must be one of P1, P2, P3, P4")), e.violations());
        assertEquals("type", assertThrows(DomainException.class,
                () -> AccountSignal.parse("x", "CASE_OPENED", "2026-11-26T09:30:00Z", Map.of(), NOW)).violations().get(0).field());
        assertEquals(List.of(new Violation("data.score", "must be a whole number from 0 to 10")), assertThrows(DomainException.class,
                () -> AccountSignal.parse("x", "NPS_RECORDED", "2026-11-26T09:30:00Z", Map.of("score", 11), NOW)).violations());
        assertEquals(List.of(new Violation("data.score", "must be a whole number from 0 to 10")), assertThrows(DomainException.class,
                () -> AccountSignal.parse("x", "NPS_RECORDED", "2026-11-26T09:30:00Z", Map.of("score", "7"), NOW)).violations(),
                "no coercion of a string");
        assertEquals(List.of(new Violation("data.amount", "must be a number of zero or more"),
                new Violation("data.currency", "must be an ISO 4217 code such as EUR")), assertThrows(DomainException.class,
                () -> AccountSignal.parse("x", "SPEND_RECORDED", "2026-11-26T09:30:00Z",
                        Map.of("period", "2025", "amount", -1, "currency", "eur"), NOW)).violations());
        assertEquals(List.of(new Violation("occurredAt", "must not be in the future")), assertThrows(DomainException.class,
                () -> AccountSignal.parse("x", "RENEWAL_SET", "2026-11-26T13:00:00Z", Map.of("renewsOn", "2027-01-01"), NOW))
                .violations());
        assertEquals(List.of(new Violation("data.renewsOn", "must be a date YYYY-MM-DD")), assertThrows(DomainException.class,
                () -> AccountSignal.parse("x", "RENEWAL_SET", "2026-11-26T09:00:00Z", Map.of("renewsOn", "1/1/27"), NOW))
                .violations());
    }

    @Test
    void cloudEventTypesMapToSignalTypesAndBack() {
        assertEquals(AccountSignal.Type.SUPPORT_CASE_OPENED,
                AccountSignal.Type.fromCloudEventType("rapport.signal.support-case-opened.v1"));
        assertEquals("rapport.signal.nps-recorded.v1", AccountSignal.Type.NPS_RECORDED.cloudEventType());
        assertNull(AccountSignal.Type.fromCloudEventType("rapport.signal.unknown.v1"));
        assertNull(AccountSignal.Type.fromCloudEventType("rapport.ask.sent.v1"));
        for (AccountSignal.Type t : AccountSignal.Type.values()) {
            assertEquals(t, AccountSignal.Type.fromCloudEventType(t.cloudEventType()));
        }
    }
}
