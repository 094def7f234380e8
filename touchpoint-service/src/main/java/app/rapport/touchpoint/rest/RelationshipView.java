package app.rapport.touchpoint.rest;

import app.rapport.touchpoint.domain.RelationshipHealth.Health;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/advocates/{id}/relationship}.
 *
 * @param outcomesToShare askIds whose recorded outcome the owner has not yet shared with the advocate
 *                        (no THANK_YOU or CHECK_IN naming the ask since), oldest outcome first
 */
public record RelationshipView(
        String advocateId,
        Instant lastHumanTouchAt,
        Long daysSinceHumanTouch,
        int asksLast90d,
        int givesLast90d,
        List<String> pendingThankYous,
        List<String> outcomesToShare,
        boolean needsAttention,
        List<String> why) {

    public static RelationshipView of(String advocateId, Health h) {
        return new RelationshipView(advocateId, h.lastHumanTouchAt(), h.daysSinceHumanTouch(), h.asksLast90d(),
                h.givesLast90d(), h.pendingAskIds(), h.outcomeAskIds(), h.needsAttention(), h.why());
    }
}
