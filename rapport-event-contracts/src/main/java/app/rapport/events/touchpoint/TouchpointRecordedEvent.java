package app.rapport.events.touchpoint;

import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.Channel;
import app.rapport.events.vocabulary.TouchpointType;

import java.time.Instant;

/**
 * {@code rapport.touchpoint.recorded.v1}. The note stays in touchpoint-service.
 *
 * @param type   any type but OUTCOME (which touchpoint-service keeps to itself)
 * @param source MANUAL for one a person recorded, ASK_EVENT for one derived from ask-events
 */
public record TouchpointRecordedEvent(
        String touchpointId,
        String advocateId,
        TouchpointType type,
        Instant occurredAt,
        Channel channel,
        String byUserId,
        String askId,
        Activity activity,
        String source) {
}
