package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code rapport.ask.requested.v1}: POST /api/asks (always first): {@code status} is the state
 * decided, AWAITING_OWNER or BLOCKED; {@code reasonCodes} the gate's codes (empty when eligible);
 * {@code by} the requester.
 */
public record AskRequested(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        List<String> reasonCodes, String by, Instant at) implements AskLifecycleEvent {
}
