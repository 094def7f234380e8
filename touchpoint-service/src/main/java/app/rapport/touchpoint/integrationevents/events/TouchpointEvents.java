package app.rapport.touchpoint.integrationevents.events;

import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.messaging.OutboxEvent;
import app.rapport.touchpoint.domain.Touchpoint;

/**
 * What touchpoint-service publishes: {@code rapport.touchpoint.recorded.v1} on touchpoint-events,
 * keyed (and ce_subject) by advocateId. The note never goes on the topic.
 */
public final class TouchpointEvents {

    public static TouchpointRecordedEvent recorded(Touchpoint t) {
        return new TouchpointRecordedEvent(t.id(), t.advocateId(), t.type().name(), t.occurredAt(), t.channel(),
                t.byUserId(), t.askId(), t.activity(), t.source() == null ? null : t.source().name());
    }

    public static OutboxEvent outboxEvent(Touchpoint t) {
        return OutboxEvent.of(Topics.TOUCHPOINT_EVENTS, t.advocateId(), EventTypes.TOUCHPOINT_RECORDED, recorded(t));
    }

    private TouchpointEvents() {
    }
}
