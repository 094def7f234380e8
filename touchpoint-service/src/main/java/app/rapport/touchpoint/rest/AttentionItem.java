package app.rapport.touchpoint.rest;

import app.rapport.touchpoint.service.RelationshipService.Attention;

import java.time.Instant;
import java.util.List;

/**
 * One advocate of the attention list.
 *
 * @param thankYouOwedDays days the oldest overdue thank-you has been owed, null when none is overdue
 */
public record AttentionItem(
        String advocateId,
        String name,
        String ownerId,
        String status,
        Instant lastHumanTouchAt,
        Long daysSinceHumanTouch,
        List<String> pendingThankYous,
        Long thankYouOwedDays,
        List<String> why) {

    public static AttentionItem of(Attention a) {
        long owed = a.health().longestOverdueThankYouDays();
        return new AttentionItem(a.advocate().advocateId(), a.advocate().name(), a.advocate().ownerId(),
                a.advocate().status(), a.health().lastHumanTouchAt(), a.health().daysSinceHumanTouch(),
                a.health().pendingAskIds(), owed < 0 ? null : owed, a.health().why());
    }
}
