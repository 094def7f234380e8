package app.rapport.advocate.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** ACTIVE advocates can be asked; PAUSED and RETIRED ones cannot (ask-service's ADVOCATE_INACTIVE). */
public enum AdvocateStatus {
    ACTIVE, PAUSED, RETIRED;

    public static Optional<AdvocateStatus> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.trim().toUpperCase(Locale.ROOT);
        for (AdvocateStatus s : values()) {
            if (s.name().equals(v)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
