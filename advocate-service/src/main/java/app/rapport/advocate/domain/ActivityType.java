package app.rapport.advocate.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an advocate can opt in to (SPEC "Activity types"). */
public enum ActivityType {
    REFERENCE_CALL, CASE_STUDY, REVIEW, SPEAKING, ANALYST_BRIEFING, PRESS, WEBINAR, PRODUCT_FEEDBACK;

    /** Reads a value case-insensitively, ignoring surrounding blanks; empty when it is no activity type. */
    public static Optional<ActivityType> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.trim().toUpperCase(Locale.ROOT);
        for (ActivityType t : values()) {
            if (t.name().equals(v)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
