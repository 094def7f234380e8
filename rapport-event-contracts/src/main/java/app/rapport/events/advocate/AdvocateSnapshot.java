package app.rapport.events.advocate;

import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything a consumer needs to decide about an advocate, as it is after the change. {@code consents}
 * holds, per opted-in activity, the day the opt-in was last confirmed (absent for opt-ins older than
 * consent dates).
 * Deliberately without email and phone: contact details never leave advocate-service.
 */
public record AdvocateSnapshot(
        String advocateId,
        String externalId,
        String name,
        String title,
        AccountRef account,
        String ownerId,
        AdvocateStatus status,
        List<Activity> activities,
        List<String> tags,
        List<LeavePeriod> leaves,
        LocalDate busyUntil,
        Integer maxAsksPerQuarter,
        List<Channel> channels,
        long version,
        Map<Activity, LocalDate> consents) {

    /** A snapshot without consent days (an advocate stored before they existed). */
    public AdvocateSnapshot(String advocateId, String externalId, String name, String title, AccountRef account,
            String ownerId, AdvocateStatus status, List<Activity> activities, List<String> tags,
            List<LeavePeriod> leaves, LocalDate busyUntil, Integer maxAsksPerQuarter, List<Channel> channels,
            long version) {
        this(advocateId, externalId, name, title, account, ownerId, status, activities, tags, leaves, busyUntil,
                maxAsksPerQuarter, channels, version, Map.of());
    }
}
