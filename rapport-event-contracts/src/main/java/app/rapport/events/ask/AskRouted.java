package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code rapport.ask.routed.v1}: The ask went to the owner (eligible, same write as requested); {@code
 * reasonCodes} is empty, {@code by} is {@code system}.
 */
public record AskRouted(String askId, String advocateId, String accountId, String requesterId, String ownerId,
        Activity activity, String status, LocalDate dueBy,
        List<String> reasonCodes, String by, Instant at) implements AskLifecycleEvent {
}
