package app.rapport.advocate.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Busy ("workload"): an end date that is not in the past, and a short optional note. */
public final class BusyRules {
    public static final int MAX_NOTE = 500;

    public static Busy accept(LocalDate until, String note, LocalDate today) {
        List<Violation> v = new ArrayList<>();
        if (until == null) {
            v.add(new Violation("until", "must not be null"));
        } else if (until.isBefore(today)) {
            v.add(new Violation("until", "must be today (" + today + ") or later"));
        }
        if (note != null && note.strip().length() > MAX_NOTE) {
            v.add(new Violation("note", "must be at most " + MAX_NOTE + " characters"));
        }
        if (!v.isEmpty()) {
            throw new DomainException(v);
        }
        return new Busy(until, Text.clean(note));
    }

    private BusyRules() {
    }
}
