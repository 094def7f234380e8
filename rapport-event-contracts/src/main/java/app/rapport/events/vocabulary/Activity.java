package app.rapport.events.vocabulary;

import java.util.Optional;

/** What an advocate can opt in to, and what an ask asks for. */
public enum Activity {
    REFERENCE_CALL, CASE_STUDY, REVIEW, SPEAKING, ANALYST_BRIEFING, PRESS, WEBINAR, PRODUCT_FEEDBACK;

    /** Case-insensitive, blanks ignored; empty when {@code raw} is no activity. */
    public static Optional<Activity> parse(String raw) {
        return Vocabulary.parse(Activity.class, raw);
    }

    public static String allowed() {
        return Vocabulary.allowed(Activity.class);
    }
}
