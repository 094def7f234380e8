package app.rapport.ask.domain.ask;

import app.rapport.events.ask.OutcomeResult;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A domain event raised by a transition of {@link Ask}: what happened, and the ask as it was at that
 * moment (ids, owner, activity, dueBy). The service turns each one into an ask-event in the ask's
 * outbox, in the same write as the new state.
 *
 * @param reasonCodes    the gate's codes where the event carries them (requested, blocked, overridden), else null
 * @param outcome        the outcome recorded (outcome-recorded only), else null
 * @param previousResult the result an outcome-recorded corrects, null for a first outcome and other kinds
 */
public record AskDomainEvent(AskEventKind kind, String askId, String advocateId, String accountId, String requesterId,
        String ownerId, String activity, LocalDate dueBy, String status, String previousStatus,
        List<String> reasonCodes, String channel, Boolean accepted, String by, Instant at, Outcome outcome,
        OutcomeResult previousResult) {
}
