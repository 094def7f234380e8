package app.rapport.events.vocabulary;

import java.util.Optional;

/** ACTIVE advocates can be asked; PAUSED and RETIRED ones cannot (the gate's ADVOCATE_INACTIVE). */
public enum AdvocateStatus {
    ACTIVE, PAUSED, RETIRED;

    /** Whether an ask may be made of an advocate in this status. */
    public boolean askable() {
        return this == ACTIVE;
    }

    /** Case-insensitive, blanks ignored; empty when {@code raw} is no status. */
    public static Optional<AdvocateStatus> parse(String raw) {
        return Vocabulary.parse(AdvocateStatus.class, raw);
    }

    public static String allowed() {
        return Vocabulary.allowed(AdvocateStatus.class);
    }
}
