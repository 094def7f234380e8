package app.rapport.ask.domain.eligibility;

/** The rules of the gate (docs/eligibility.md), each with its severity. */
public enum ReasonCode {
    ADVOCATE_INACTIVE(Severity.HARD),
    NOT_OPTED_IN(Severity.HARD),
    ON_LEAVE(Severity.HARD),
    NO_OWNER(Severity.HARD),
    DUPLICATE(Severity.HARD),
    BUSY(Severity.SOFT),
    WORKLOAD(Severity.SOFT),
    RECENTLY_ASKED(Severity.SOFT),
    CONTACT_BUDGET(Severity.SOFT),
    ACCOUNT_BUDGET(Severity.SOFT),
    ACCOUNT_AT_RISK(Severity.HARD),
    RENEWAL_WINDOW(Severity.SOFT),
    DETRACTOR(Severity.SOFT),
    OWNER_CAPACITY(Severity.SOFT),
    CONSENT_STALE(Severity.SOFT),
    GIVE_TAKE_BALANCE(Severity.SOFT);

    private final Severity severity;

    ReasonCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
