package app.rapport.touchpoint.rest;

import app.rapport.touchpoint.domain.Touchpoint;

import java.time.Instant;

/** A touchpoint as the API shows it; {@code outcome} (WON, LOST, NO_DECISION) is set on an OUTCOME only. */
public record TouchpointView(
        String id,
        String advocateId,
        String type,
        Instant occurredAt,
        Instant recordedAt,
        String channel,
        String note,
        String askId,
        String activity,
        Boolean accepted,
        String outcome,
        String byUserId,
        String source) {

    public static TouchpointView of(Touchpoint t) {
        return new TouchpointView(t.id(), t.advocateId(), t.type().name(), t.occurredAt(), t.recordedAt(), t.channel(),
                t.note(), t.askId(), t.activity(), t.accepted(), t.outcome(), t.byUserId(),
                t.source() == null ? null : t.source().name());
    }
}
