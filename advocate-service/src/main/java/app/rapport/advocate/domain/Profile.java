package app.rapport.advocate.domain;

import java.util.List;

/**
 * The descriptive part of an advocate, the part a merge patch or a CSV row may change: everything
 * except the owner, the status, leaves and busy (they have their own operations and events).
 */
public record Profile(
        String externalId,
        String name,
        String email,
        String phone,
        String title,
        Account account,
        List<String> tags,
        List<String> activities,
        Preferences preferences) {

    public Profile {
        tags = tags == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tags));
        activities = activities == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(activities));
        preferences = preferences == null ? Preferences.NONE : preferences;
    }

    /** The lower-cased email that uniqueness is checked on. */
    public String emailKey() {
        return email == null ? null : email.toLowerCase(java.util.Locale.ROOT);
    }

    /** Names of the fields whose values differ from {@code other} (emails compared as written). */
    public List<String> changedFields(Profile other) {
        List<String> changed = new java.util.ArrayList<>();
        if (!java.util.Objects.equals(externalId, other.externalId)) {
            changed.add("externalId");
        }
        if (!java.util.Objects.equals(name, other.name)) {
            changed.add("name");
        }
        if (!java.util.Objects.equals(email, other.email)) {
            changed.add("email");
        }
        if (!java.util.Objects.equals(phone, other.phone)) {
            changed.add("phone");
        }
        if (!java.util.Objects.equals(title, other.title)) {
            changed.add("title");
        }
        if (!java.util.Objects.equals(account, other.account)) {
            changed.add("account");
        }
        if (!tags.equals(other.tags)) {
            changed.add("tags");
        }
        if (!activities.equals(other.activities)) {
            changed.add("activities");
        }
        if (!preferences.equals(other.preferences)) {
            changed.add("preferences");
        }
        return changed;
    }
}
