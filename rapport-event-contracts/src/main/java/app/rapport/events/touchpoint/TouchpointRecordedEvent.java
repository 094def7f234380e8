package app.rapport.events.touchpoint;

import java.time.Instant;

/**
 * {@code rapport.touchpoint.recorded.v1}. The note stays in touchpoint-service.
 *
 * @param type   CHECK_IN, THANK_YOU, MEETING, CALL, EMAIL, GIFT, NOTE, ACTIVITY, ASK_SENT, ASK_ANSWERED
 * @param source MANUAL for one a person recorded, ASK_EVENT for one derived from ask-events
 */
public record TouchpointRecordedEvent(
        String touchpointId,
        String advocateId,
        String type,
        Instant occurredAt,
        String channel,
        String byUserId,
        String askId,
        String activity,
        String source) {
}
