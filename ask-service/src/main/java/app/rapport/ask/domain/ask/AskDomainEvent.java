package app.rapport.ask.domain.ask;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A domain event raised by a transition of {@link Ask}: what happened, and the ask as it was at that
 * moment (ids, owner, activity, dueBy). The service turns each one into an ask-event in the ask's
 * outbox, in the same write as the new state.
 *
 * @param reasonCodes the gate's codes where the event carries them (requested, blocked, overridden), else null
 */
public record AskDomainEvent(AskEventKind kind, String askId, String advocateId, String accountId, String requesterId,
        String ownerId, String activity, LocalDate dueBy, String status, String previousStatus,
        List<String> reasonCodes, String channel, Boolean accepted, String by, Instant at) {
}
