package app.rapport.ask.domain.eligibility;

/** HARD reasons can never be overridden; SOFT ones can, by the advocate's owner, with a written reason. */
public enum Severity {
    HARD, SOFT
}
