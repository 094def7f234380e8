package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Preferences;
import app.rapport.advocate.domain.Profile;

import java.util.List;

/**
 * {@code POST /api/advocates}. Required: name, email, account.id, account.name, ownerId. The rules
 * (in {@code AdvocateRules}) are the same for the CSV import and merge patches, so they are checked
 * there rather than with annotations here; a violation is still a 400 naming each field.
 */
public record CreateAdvocateRequest(
        String externalId,
        String name,
        String email,
        String phone,
        String title,
        AccountBody account,
        String ownerId,
        List<String> tags,
        List<String> activities,
        PreferencesBody preferences) {

    public Profile toProfile() {
        return new Profile(externalId, name, email, phone, title, account == null ? null : account.toDomain(),
                tags, activities, preferences == null ? Preferences.NONE : preferences.toDomain());
    }
}
