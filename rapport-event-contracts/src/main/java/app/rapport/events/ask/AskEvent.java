package app.rapport.events.ask;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The value of every {@code rapport.ask.*} event. Free-text notes and context stay in
 * ask-service; the event carries ids, codes and times.
 *
 * @param reasonCodes    the eligibility reason codes (blocked, overridden, routed-with-none)
 * @param previousStatus the state before the transition
 * @param channel        how the owner made the ask (sent)
 * @param accepted       the advocate's answer (accepted / declined-by-advocate)
 */
public record AskEvent(
        String askId,
        String advocateId,
        String accountId,
        String requesterId,
        String ownerId,
        String activity,
        String status,
        String previousStatus,
        LocalDate dueBy,
        List<String> reasonCodes,
        String channel,
        Boolean accepted,
        String by,
        Instant at) {
}
