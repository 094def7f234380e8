package app.rapport.events.advocate;

import app.rapport.events.vocabulary.AdvocateStatus;

import java.time.Instant;
import java.util.List;

/**
 * The value of every {@code rapport.advocate.*} event: the full snapshot after the change (so a
 * consumer never needs an earlier event to decide) plus what changed.
 *
 * @param previousOwnerId set on owner-changed
 * @param previousStatus  set on status-changed
 * @param leave           the leave scheduled or cancelled
 * @param changedFields   the fields an update touched
 * @param by              the user id that made the change
 */
public record AdvocateEvent(
        AdvocateSnapshot advocate,
        String previousOwnerId,
        AdvocateStatus previousStatus,
        LeavePeriod leave,
        List<String> changedFields,
        String by,
        Instant at) {
}
