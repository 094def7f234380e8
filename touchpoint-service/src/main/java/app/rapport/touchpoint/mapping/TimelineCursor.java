package app.rapport.touchpoint.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The position on a timeline after which the next page starts: the (occurredAt, id) of the last
 * item served. Its text form is opaque to clients (URL-safe base64); {@code before} also takes a
 * plain ISO-8601 instant, meaning "everything that occurred strictly before this instant".
 *
 * @param id null for a plain instant
 */
public record TimelineCursor(Instant occurredAt, String id) {
    private static final String PREFIX = "t1|";

    public String encode() {
        String raw = PREFIX + occurredAt.toEpochMilli() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads an opaque cursor or an ISO-8601 instant; empty when it is neither. */
    public static Optional<TimelineCursor> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.trim();
        try {
            return Optional.of(new TimelineCursor(Instant.parse(s), null));
        } catch (DateTimeParseException notAnInstant) {
            // an opaque cursor then
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String rest = raw.substring(PREFIX.length());
            int bar = rest.indexOf('|');
            if (bar <= 0 || bar == rest.length() - 1) {
                return Optional.empty();
            }
            long millis = Long.parseLong(rest.substring(0, bar));
            return Optional.of(new TimelineCursor(Instant.ofEpochMilli(millis), rest.substring(bar + 1)));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
