package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;

/** {@code rapport.ask.cancelled.v1}: The ask was cancelled. */
public record AskCancelled(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        String previousStatus, String by, Instant at) implements AskLifecycleEvent {
}
