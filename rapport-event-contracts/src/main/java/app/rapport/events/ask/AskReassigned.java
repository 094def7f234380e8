package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code rapport.ask.reassigned.v1}: The advocate's owner changed and the open ask followed: {@code
 * ownerId} is the new owner, the status is unchanged, {@code by} who changed the owner.
 */
public record AskReassigned(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        String previousStatus, String by, Instant at) implements AskLifecycleEvent {
}
