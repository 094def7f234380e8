package app.rapport.touchpoint.domain;

/** Why a relationship needs attention: the codes behind the sentences of {@code why}. */
public enum AttentionReason {
    /** No human touch in the last 60 days, or none ever. */
    NO_RECENT_CONTACT,
    /** A completed ask owed a thank-you for more than 7 days. */
    THANK_YOU_OVERDUE,
    /** An ask's outcome is recorded and the owner has not yet told the advocate (no grace days). */
    OUTCOME_TO_SHARE
}
