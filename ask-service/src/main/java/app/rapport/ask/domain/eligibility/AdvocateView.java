package app.rapport.ask.domain.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the gate knows about an advocate, from the advocate-events projection.
 *
 * @param consents per activity, the day its opt-in was last confirmed; empty for advocates created
 *                 before consent dates existed (then CONSENT_STALE never applies)
 */
public record AdvocateView(String advocateId, String accountId, String ownerId, String status,
        List<String> activities, List<Leave> leaves, LocalDate busyUntil, Integer maxAsksPerQuarter,
        Map<String, LocalDate> consents) {

    public AdvocateView {
        activities = activities == null ? List.of() : List.copyOf(activities);
        leaves = leaves == null ? List.of() : List.copyOf(leaves);
        consents = consents == null ? Map.of() : Map.copyOf(consents);
    }

    public AdvocateView(String advocateId, String accountId, String ownerId, String status, List<String> activities,
            List<Leave> leaves, LocalDate busyUntil, Integer maxAsksPerQuarter) {
        this(advocateId, accountId, ownerId, status, activities, leaves, busyUntil, maxAsksPerQuarter, Map.of());
    }

    /** A leave, both ends inclusive. */
    public record Leave(String id, LocalDate from, LocalDate to) {
    }
}
