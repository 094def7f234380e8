package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The value of {@code rapport.ask.outcome-recorded.v1} on ask-events, keyed by advocateId: the requester
 * (or the owner, or a programme manager) recorded, or corrected, how the opportunity a COMPLETED ask served
 * ended. Ids, the result, the amount and dates only: the story stays in ask-service.
 *
 * @param previousResult the result this one corrects; null when the outcome is recorded for the first time
 * @param amount         the opportunity's amount, never converted; null when none was given
 * @param currency       ISO 4217 code of {@code amount}; null exactly when {@code amount} is
 * @param closedOn       the day the opportunity closed
 * @param correction     whether an outcome had been recorded for this ask before
 * @param at             when it was recorded; of two outcome events for one ask, the later {@code at} holds
 */
public record AskOutcomeRecordedEvent(
        String askId,
        String advocateId,
        String accountId,
        String requesterId,
        String ownerId,
        Activity activity,
        OutcomeResult result,
        OutcomeResult previousResult,
        BigDecimal amount,
        String currency,
        LocalDate closedOn,
        boolean correction,
        String by,
        Instant at) {
}
