package app.rapport.advocate.domain;

import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of an advocate's profile and owner, shared by every way in (create, merge patch, CSV
 * import): what is required, what is well-formed, and the canonical form values are stored in.
 */
public final class AdvocateRules {
    public static final int MAX_TEXT = 200;
    public static final int MAX_ID = 100;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 50;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG = 100;
    public static final int MAX_ASKS_PER_QUARTER = 100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /**
     * Checks a profile as the caller sent it (strings not yet trimmed) and its owner.
     *
     * @return every violation, in field order; empty when the profile is valid
     */
    public static List<Violation> validate(Profile p, String ownerId) {
        List<Violation> v = new ArrayList<>();
        text(v, "externalId", p.externalId(), false, MAX_ID);
        text(v, "name", p.name(), true, MAX_TEXT);
        if (text(v, "email", p.email(), true, MAX_EMAIL) && !EMAIL.matcher(p.email().strip()).matches()) {
            v.add(new Violation("email", "must be a valid email address"));
        }
        if (text(v, "phone", p.phone(), false, MAX_PHONE) && Text.clean(p.phone()) != null
                && p.phone().chars().noneMatch(Character::isDigit)) {
            v.add(new Violation("phone", "must be a phone number"));
        }
        text(v, "title", p.title(), false, MAX_TEXT);
        if (p.account() == null) {
            v.add(new Violation("account", "must not be null"));
        } else {
            text(v, "account.id", p.account().id(), true, MAX_ID);
            text(v, "account.name", p.account().name(), true, MAX_TEXT);
            text(v, "account.industry", p.account().industry(), false, MAX_TEXT);
            text(v, "account.region", p.account().region(), false, MAX_TEXT);
            text(v, "account.segment", p.account().segment(), false, MAX_TEXT);
        }
        text(v, "ownerId", ownerId, true, MAX_ID);
        if (p.tags().size() > MAX_TAGS) {
            v.add(new Violation("tags", "must have at most " + MAX_TAGS + " entries"));
        }
        for (int i = 0; i < p.tags().size(); i++) {
            text(v, "tags[" + i + "]", p.tags().get(i), true, MAX_TAG);
        }
        for (int i = 0; i < p.activities().size(); i++) {
            String a = p.activities().get(i);
            if (Activity.parse(a).isEmpty()) {
                v.add(new Violation("activities[" + i + "]", (a == null ? "must not be null" : "'" + abbreviate(a)
                        + "' is not an activity type") + "; use one of " + Activity.allowed()));
            }
        }
        Integer max = p.preferences().maxAsksPerQuarter();
        if (max != null && (max < 0 || max > MAX_ASKS_PER_QUARTER)) {
            v.add(new Violation("preferences.maxAsksPerQuarter", "must be between 0 and " + MAX_ASKS_PER_QUARTER));
        }
        List<String> channels = p.preferences().channels();
        for (int i = 0; i < channels.size(); i++) {
            String c = channels.get(i);
            if (Channel.parse(c).isEmpty()) {
                v.add(new Violation("preferences.channels[" + i + "]", (c == null ? "must not be null"
                        : "'" + abbreviate(c) + "' is not a channel") + "; use one of " + Channel.allowed()));
            }
        }
        return v;
    }

    /** Throws a {@link DomainException} listing every violation, if any. */
    public static void check(Profile p, String ownerId) {
        List<Violation> v = validate(p, ownerId);
        if (!v.isEmpty()) {
            throw new DomainException(v);
        }
    }

    /**
     * The canonical form of a valid profile: strings trimmed (blank optional ones become null), tags
     * de-duplicated case-insensitively in their order, activities de-duplicated in the catalogue's
     * order, channels upper-cased and de-duplicated in the order of preference.
     */
    public static Profile normalize(Profile p) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> tags = new ArrayList<>();
        for (String t : p.tags()) {
            String c = Text.clean(t);
            if (c != null && seen.add(c.toLowerCase(Locale.ROOT))) {
                tags.add(c);
            }
        }
        Set<Activity> acts = new java.util.TreeSet<>();
        for (String a : p.activities()) {
            Activity.parse(a).ifPresent(acts::add);
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String c : p.preferences().channels()) {
            Channel.parse(c).ifPresent(ch -> channels.add(ch.name()));
        }
        return new Profile(Text.clean(p.externalId()), Text.clean(p.name()), Text.clean(p.email()),
                Text.clean(p.phone()), Text.clean(p.title()), p.account() == null ? null : p.account().normalized(),
                tags, acts.stream().map(Enum::name).toList(),
                new Preferences(p.preferences().maxAsksPerQuarter(), List.copyOf(channels)));
    }

    /** Validates, then normalises; the form every write path stores. */
    public static Profile accept(Profile raw, String ownerId) {
        check(raw, ownerId);
        return normalize(raw);
    }

    private static boolean text(List<Violation> v, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                v.add(new Violation(field, "must not be blank"));
            }
            return false;
        }
        if (value.strip().length() > max) {
            v.add(new Violation(field, "must be at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private AdvocateRules() {
    }
}
