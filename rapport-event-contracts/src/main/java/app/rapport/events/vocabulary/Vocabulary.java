package app.rapport.events.vocabulary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one way Rapport reads a word of its vocabulary from outside (a request, a CSV cell, a query
 * parameter): case-insensitively, ignoring surrounding blanks. Events are written and read with the
 * exact constant names.
 */
public final class Vocabulary {

    /** The constant {@code raw} names, or empty when it names none (or is null). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.strip().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** "A, B, C": the constants, for an error message. */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private Vocabulary() {
    }
}
