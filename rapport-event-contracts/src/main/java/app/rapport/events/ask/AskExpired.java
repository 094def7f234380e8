package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code rapport.ask.expired.v1}: The ask was left awaiting its owner past its dueBy or too long;
 * {@code by} is {@code system}.
 */
public record AskExpired(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        String previousStatus, String by, Instant at) implements AskLifecycleEvent {
}
