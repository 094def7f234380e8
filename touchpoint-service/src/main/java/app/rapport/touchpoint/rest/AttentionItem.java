package app.rapport.touchpoint.rest;

import app.rapport.touchpoint.domain.AttentionReason;
import app.rapport.touchpoint.service.RelationshipService.Attention;

import java.time.Instant;
import java.util.List;

/**
 * One advocate of the attention list.
 *
 * @param thankYouOwedDays days the oldest overdue thank-you has been owed, null when none is overdue
 * @param outcomesToShare  askIds whose outcome the owner has yet to share, oldest outcome first
 * @param reasons          the codes of the reasons, each once, in the order of {@code why}:
 *                         NO_RECENT_CONTACT, THANK_YOU_OVERDUE, OUTCOME_TO_SHARE
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
        List<String> outcomesToShare,
        List<AttentionReason> reasons,
        List<String> why) {

    public static AttentionItem of(Attention a) {
        long owed = a.health().longestOverdueThankYouDays();
        return new AttentionItem(a.advocate().advocateId(), a.advocate().name(), a.advocate().ownerId(),
                a.advocate().status(), a.health().lastHumanTouchAt(), a.health().daysSinceHumanTouch(),
                a.health().pendingAskIds(), owed < 0 ? null : owed, a.health().outcomeAskIds(), a.health().reasons(),
                a.health().why());
    }
}
