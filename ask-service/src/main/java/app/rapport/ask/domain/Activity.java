package app.rapport.ask.domain;

/** The activity types of SPEC.md. */
public enum Activity {
    REFERENCE_CALL, CASE_STUDY, REVIEW, SPEAKING, ANALYST_BRIEFING, PRESS, WEBINAR, PRODUCT_FEEDBACK
}
