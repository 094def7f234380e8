package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Advocate;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An advocate as the API shows it. {@code email} and {@code phone} are null unless the caller is
 * the advocate's owner, a programme-manager or an admin. {@code consents}: per opted-in activity, the day
 * the opt-in was last confirmed (absent for opt-ins recorded before consent dates existed).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AdvocateResponse(
        String id,
        String externalId,
        String name,
        String email,
        String phone,
        String title,
        AccountBody account,
        String ownerId,
        List<String> tags,
        List<String> activities,
        Map<String, LocalDate> consents,
        PreferencesBody preferences,
        String status,
        List<LeaveResponse> leaves,
        BusyResponse busy,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static AdvocateResponse of(Advocate a, boolean showContact) {
        var p = a.profile();
        return new AdvocateResponse(a.id(), p.externalId(), p.name(), showContact ? p.email() : null,
                showContact ? p.phone() : null, p.title(), AccountBody.of(p.account()), a.ownerId(), p.tags(),
                p.activities(), a.consents(), PreferencesBody.of(p.preferences()), a.status().name(),
                a.leaves().stream().map(LeaveResponse::of).toList(), BusyResponse.of(a.busy()), a.version(),
                a.createdAt(), a.updatedAt());
    }
}
