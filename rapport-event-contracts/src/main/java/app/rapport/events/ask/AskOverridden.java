package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code rapport.ask.overridden.v1}: The owner overrode SOFT reasons: {@code reasonCodes} are the
 * codes overridden, {@code by} the owner.
 */
public record AskOverridden(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        String previousStatus, List<String> reasonCodes, String by, Instant at) implements AskLifecycleEvent {
}
