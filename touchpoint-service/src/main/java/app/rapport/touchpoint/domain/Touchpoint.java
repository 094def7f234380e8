package app.rapport.touchpoint.domain;

import app.rapport.events.vocabulary.TouchpointType;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an advocate's relationship timeline. Touchpoints are immutable once recorded.
 *
 * @param note     free text, plain, never interpreted; it never leaves this service on a topic
 * @param accepted the advocate's answer, for ASK_ANSWERED
 * @param outcome  how the opportunity ended (WON, LOST, NO_DECISION), for OUTCOME
 */
public record Touchpoint(
        String id,
        String advocateId,
        TouchpointType type,
        Instant occurredAt,
        Instant recordedAt,
        String channel,
        String note,
        String askId,
        String activity,
        Boolean accepted,
        String outcome,
        String byUserId,
        Source source) {

    public Touchpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(advocateId, "advocateId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** A minimal touchpoint for rules and tests: only what the health rules look at. */
    public static Touchpoint of(String id, TouchpointType type, Instant occurredAt, String askId) {
        return of(id, type, occurredAt, askId, null, null);
    }

    /** As {@link #of(String, TouchpointType, Instant, String)}, with the activity and the outcome. */
    public static Touchpoint of(String id, TouchpointType type, Instant occurredAt, String askId, String activity,
            String outcome) {
        return new Touchpoint(id, "adv", type, occurredAt, occurredAt, null, null, askId, activity, null, outcome,
                null, Source.MANUAL);
    }
}
