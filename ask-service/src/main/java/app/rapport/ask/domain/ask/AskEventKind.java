package app.rapport.ask.domain.ask;

/** What happened to an ask; each kind is published as one ask-event type (see AskEvents). */
public enum AskEventKind {
    REQUESTED, ROUTED, BLOCKED, OVERRIDDEN, SENT, DECLINED_BY_OWNER, ACCEPTED, DECLINED_BY_ADVOCATE, COMPLETED,
    CANCELLED, EXPIRED, REASSIGNED, OUTCOME_RECORDED
}
