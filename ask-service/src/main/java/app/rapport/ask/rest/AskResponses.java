package app.rapport.ask.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The response bodies of the ask API. */
public final class AskResponses {

    public record AskResponse(String id, String advocateId, String accountId, String requesterId, String ownerId,
            String activity, LocalDate dueBy, ContextBody context, String status, EligibilityResponse eligibility,
            Brief brief, List<HistoryEntry> history, Instant createdAt, Instant updatedAt, Instant sentAt,
            String channel, List<String> overriddenCodes, OutcomeBody outcome) {
    }

    /**
     * How the opportunity the ask served ended (null until recorded): {@code amount} in {@code currency},
     * never converted; {@code story} the requester's words, for people (never published on Kafka).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutcomeBody(String result, java.math.BigDecimal amount, String currency, LocalDate closedOn,
            String story, String recordedBy, Instant recordedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContextBody(String opportunity, String need, String notes) {
    }

    public record EligibilityResponse(boolean eligible, Instant checkedAt, Instant asOf, List<ReasonResponse> reasons) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReasonResponse(String code, String severity, String message, LocalDate until,
            Map<String, Object> evidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(Instant at, String by, String action, String note) {
    }

    /**
     * The owner's preparation, from ask-service's own data and projections: {@code summary} a short
     * paragraph and {@code mentions} a few lines for the owner (BriefWriter; never words for the
     * advocate), then the facts they come from.
     */
    public record Brief(String summary, List<String> mentions, List<TouchpointSummary> lastTouchpoints,
            List<EarlierAsk> asksLast12Months, List<String> preferredChannels, Integer daysSinceLastHumanContact,
            List<String> thankYousOwed, AccountContext account) {
    }

    /**
     * {@code brief.account}: the account's situation as a person preparing the ask wants it (null when
     * no signal about the account has reached ask-service): the open support cases with priority and
     * age, open escalations, the renewal and the days until it, the latest NPS, and the spend of the
     * last three calendar years by period and currency (never converted).
     */
    public record AccountContext(String accountId, String name, List<OpenCase> openCases, List<OpenEscalation> escalations,
            LocalDate renewsOn, Long daysUntilRenewal, Nps nps, List<Spend> spendLastThreeYears) {
    }

    public record OpenCase(String caseId, String priority, Instant openedAt, Long ageDays) {
    }

    public record OpenEscalation(String escalationId, Instant openedAt, Long ageDays) {
    }

    public record Nps(int score, Instant at) {
    }

    public record Spend(String period, java.math.BigDecimal amount, String currency) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TouchpointSummary(String type, Instant occurredAt, String channel, String askId) {
    }

    /**
     * An earlier ask of the advocate: {@code outcome} says in words where the ask got to, {@code result}
     * how the opportunity it served ended (WON, LOST, NO_DECISION; null until recorded).
     */
    public record EarlierAsk(String id, String activity, String status, Instant createdAt, String outcome,
            String result) {
    }

    private AskResponses() {
    }
}
