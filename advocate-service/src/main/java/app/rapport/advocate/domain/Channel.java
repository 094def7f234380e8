package app.rapport.advocate.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The ways an owner can reach an advocate; the same values an ask is "sent" through. */
public enum Channel {
    EMAIL, PHONE, IN_PERSON, VIDEO, OTHER;

    public static Optional<Channel> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.trim().toUpperCase(Locale.ROOT);
        for (Channel c : values()) {
            if (c.name().equals(v)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
