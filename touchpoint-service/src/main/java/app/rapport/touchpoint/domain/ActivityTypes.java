package app.rapport.touchpoint.domain;

import java.util.List;

/** The activity types of SPEC.md. */
public final class ActivityTypes {
    public static final List<String> ALL = List.of("REFERENCE_CALL", "CASE_STUDY", "REVIEW", "SPEAKING",
            "ANALYST_BRIEFING", "PRESS", "WEBINAR", "PRODUCT_FEEDBACK");

    private ActivityTypes() {
    }
}
