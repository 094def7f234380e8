package app.rapport.ask.domain.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The situation of the advocate's account as the gate needs it (advocate-service owns accounts and
 * publishes it; ask-service keeps it on the account's usage ledger). Every part may be absent.
 *
 * @param openCases   the support cases open now, with their priority P1..P4
 * @param escalations the escalations open now
 * @param renewsOn    the next renewal, or null
 * @param npsScore    the latest NPS score (0..10), or null
 * @param npsAt       when the latest NPS response was given, or null
 * @param spend       the spend by period and currency (for the brief; the gate does not use it)
 */
public record AccountView(String accountId, List<OpenCase> openCases, List<Escalation> escalations,
        LocalDate renewsOn, Integer npsScore, Instant npsAt, List<Spend> spend) {

    public AccountView {
        openCases = openCases == null ? List.of() : List.copyOf(openCases);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
        spend = spend == null ? List.of() : List.copyOf(spend);
    }

    /** A situation without spend. */
    public AccountView(String accountId, List<OpenCase> openCases, List<Escalation> escalations, LocalDate renewsOn,
            Integer npsScore, Instant npsAt) {
        this(accountId, openCases, escalations, renewsOn, npsScore, npsAt, List.of());
    }

    public static AccountView none(String accountId) {
        return new AccountView(accountId, List.of(), List.of(), null, null, null, List.of());
    }

    /** Spend in one period (e.g. "2026" or "2026-Q3") and currency; amounts are never converted. */
    public record Spend(String period, java.math.BigDecimal amount, String currency) {
    }

    public record OpenCase(String caseId, String priority, Instant openedAt) {
    }

    public record Escalation(String escalationId, Instant openedAt) {
    }
}
