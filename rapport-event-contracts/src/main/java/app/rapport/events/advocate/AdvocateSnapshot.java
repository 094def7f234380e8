package app.rapport.events.advocate;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a consumer needs to decide about an advocate, as it is after the change.
 * Deliberately without email and phone: contact details never leave advocate-service.
 */
public record AdvocateSnapshot(
        String advocateId,
        String externalId,
        String name,
        String title,
        AccountRef account,
        String ownerId,
        String status,
        List<String> activities,
        List<String> tags,
        List<LeavePeriod> leaves,
        LocalDate busyUntil,
        Integer maxAsksPerQuarter,
        List<String> channels,
        long version) {
}
