package app.rapport.ask.domain.eligibility;

import java.time.LocalDate;
import java.util.List;

/** What the gate knows about an advocate, from the advocate-events projection. */
public record AdvocateView(String advocateId, String accountId, String ownerId, String status,
        List<String> activities, List<Leave> leaves, LocalDate busyUntil, Integer maxAsksPerQuarter) {

    public AdvocateView {
        activities = activities == null ? List.of() : List.copyOf(activities);
        leaves = leaves == null ? List.of() : List.copyOf(leaves);
    }

    /** A leave, both ends inclusive. */
    public record Leave(String id, LocalDate from, LocalDate to) {
    }
}
