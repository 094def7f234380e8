package app.rapport.touchpoint.integrationevents.events;

import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.messaging.OutboxEvent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.Channel;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.events.vocabulary.TouchpointType;

import java.util.List;

/**
 * What touchpoint-service publishes: {@code rapport.touchpoint.recorded.v1} on touchpoint-events,
 * keyed (and ce_subject) by advocateId, for every touchpoint but an OUTCOME. The note never goes on
 * the topic.
 *
 * <p>An OUTCOME is not published: it is ask-service's own {@code rapport.ask.outcome-recorded.v1}
 * seen again, which every consumer of touchpoint-events reads first-hand on ask-events; it is not
 * contact with the advocate, while ask-service counts every published type but NOTE as contact (its
 * brief's last contact); and the event's payload has no field for the result.
 */
public final class TouchpointEvents {

    public static TouchpointRecordedEvent recorded(Touchpoint t) {
        return new TouchpointRecordedEvent(t.id(), t.advocateId(), t.type(), t.occurredAt(),
                Channel.parse(t.channel()).orElse(null), t.byUserId(), t.askId(), Activity.parse(t.activity()).orElse(null),
                t.source() == null ? null : t.source().name());
    }

    public static OutboxEvent outboxEvent(Touchpoint t) {
        return OutboxEvent.of(Topics.TOUCHPOINT_EVENTS, t.advocateId(), EventTypes.TOUCHPOINT_RECORDED, recorded(t));
    }

    /** Is the touchpoint published on touchpoint-events? Every type but OUTCOME. */
    public static boolean published(Touchpoint t) {
        return t.type() != TouchpointType.OUTCOME;
    }

    /** The events a touchpoint's document carries in its outbox: its recorded event, or none for an OUTCOME. */
    public static List<OutboxEvent> outboxEvents(Touchpoint t) {
        return published(t) ? List.of(outboxEvent(t)) : List.of();
    }

    private TouchpointEvents() {
    }
}
