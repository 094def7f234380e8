package app.rapport.events.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The value of {@code rapport.account.situation-changed.v1} on {@code advocate-events}: an account's
 * whole situation after a signal changed it (so a consumer never needs an earlier event), keyed and
 * subjected by the account id. No free text: ids, priorities, dates, a score and amounts.
 *
 * @param accountId   the account
 * @param version     the situation's version at advocate-service, +1 per change (a consumer keeps the highest)
 * @param signalId    the signal that caused the change
 * @param signalType  its type, e.g. SUPPORT_CASE_OPENED
 * @param openCases   the support cases open now, oldest first
 * @param escalations the escalations open now, oldest first
 * @param renewsOn    the next renewal, or null
 * @param nps         the latest NPS response, or null
 * @param spend       the spend by period and currency
 * @param at          when advocate-service applied the signal
 */
public record AccountSituationChangedEvent(String accountId, long version, String signalId, String signalType,
        List<OpenCase> openCases, List<Escalation> escalations, LocalDate renewsOn, Nps nps, List<Spend> spend,
        Instant at) {

    public record OpenCase(String caseId, String priority, Instant openedAt) {
    }

    public record Escalation(String escalationId, Instant openedAt) {
    }

    public record Nps(int score, Instant at) {
    }

    public record Spend(String period, BigDecimal amount, String currency) {
    }
}
