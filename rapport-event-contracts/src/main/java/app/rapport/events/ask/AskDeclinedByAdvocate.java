package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;

/** {@code rapport.ask.declined-by-advocate.v1}: The advocate said no ({@code accepted} is false). */
public record AskDeclinedByAdvocate(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        String previousStatus, boolean accepted, String by, Instant at) implements AskLifecycleEvent {
}
