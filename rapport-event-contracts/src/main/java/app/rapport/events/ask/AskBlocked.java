package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code rapport.ask.blocked.v1}: The gate blocked the ask (same write as requested): {@code
 * reasonCodes} says why, e.g. ON_LEAVE.
 */
public record AskBlocked(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        List<String> reasonCodes, String by, Instant at) implements AskLifecycleEvent {
}
