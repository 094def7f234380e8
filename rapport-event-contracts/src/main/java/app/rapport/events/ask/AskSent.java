package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.Channel;

import java.time.Instant;
import java.time.LocalDate;

/** {@code rapport.ask.sent.v1}: The owner made the ask personally, through {@code channel}. */
public record AskSent(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        String previousStatus, Channel channel, String by, Instant at) implements AskLifecycleEvent {
}
