package app.rapport.events;

import java.util.List;

/**
 * CloudEvents {@code ce_type} values, {@code rapport.<entity>.<event>.v1}. A breaking change to a
 * payload gets a new version suffix; the old type keeps being understood until every consumer moved.
 * The catalogue with payloads is docs/events.md.
 */
public final class EventTypes {
    // advocate-events (advocate-service)
    public static final String ADVOCATE_REGISTERED = "rapport.advocate.registered.v1";
    public static final String ADVOCATE_UPDATED = "rapport.advocate.updated.v1";
    public static final String ADVOCATE_LEAVE_SCHEDULED = "rapport.advocate.leave-scheduled.v1";
    public static final String ADVOCATE_LEAVE_CANCELLED = "rapport.advocate.leave-cancelled.v1";
    public static final String ADVOCATE_BUSY_SET = "rapport.advocate.busy-set.v1";
    public static final String ADVOCATE_BUSY_CLEARED = "rapport.advocate.busy-cleared.v1";
    public static final String ADVOCATE_OWNER_CHANGED = "rapport.advocate.owner-changed.v1";
    public static final String ADVOCATE_STATUS_CHANGED = "rapport.advocate.status-changed.v1";
    /** On advocate-events too, but keyed (and subjected) by the account id: an account's situation. */
    public static final String ACCOUNT_SITUATION_CHANGED = "rapport.account.situation-changed.v1";

    // ask-events (ask-service)
    public static final String ASK_REQUESTED = "rapport.ask.requested.v1";
    public static final String ASK_ROUTED = "rapport.ask.routed.v1";
    public static final String ASK_BLOCKED = "rapport.ask.blocked.v1";
    public static final String ASK_OVERRIDDEN = "rapport.ask.overridden.v1";
    public static final String ASK_SENT = "rapport.ask.sent.v1";
    public static final String ASK_DECLINED_BY_OWNER = "rapport.ask.declined-by-owner.v1";
    public static final String ASK_ACCEPTED = "rapport.ask.accepted.v1";
    public static final String ASK_DECLINED_BY_ADVOCATE = "rapport.ask.declined-by-advocate.v1";
    public static final String ASK_COMPLETED = "rapport.ask.completed.v1";
    public static final String ASK_CANCELLED = "rapport.ask.cancelled.v1";
    public static final String ASK_EXPIRED = "rapport.ask.expired.v1";
    public static final String ASK_REASSIGNED = "rapport.ask.reassigned.v1";
    /** Its value is {@code AskOutcomeRecordedEvent}, not {@code AskEvent}. */
    public static final String ASK_OUTCOME_RECORDED = "rapport.ask.outcome-recorded.v1";
    public static final String POLICY_CHANGED = "rapport.policy.changed.v1";

    // touchpoint-events (touchpoint-service)
    public static final String TOUCHPOINT_RECORDED = "rapport.touchpoint.recorded.v1";

    public static final List<String> ADVOCATE = List.of(ADVOCATE_REGISTERED, ADVOCATE_UPDATED,
            ADVOCATE_LEAVE_SCHEDULED, ADVOCATE_LEAVE_CANCELLED, ADVOCATE_BUSY_SET, ADVOCATE_BUSY_CLEARED,
            ADVOCATE_OWNER_CHANGED, ADVOCATE_STATUS_CHANGED);
    public static final List<String> ASK = List.of(ASK_REQUESTED, ASK_ROUTED, ASK_BLOCKED, ASK_OVERRIDDEN,
            ASK_SENT, ASK_DECLINED_BY_OWNER, ASK_ACCEPTED, ASK_DECLINED_BY_ADVOCATE, ASK_COMPLETED,
            ASK_CANCELLED, ASK_EXPIRED, ASK_REASSIGNED, ASK_OUTCOME_RECORDED, POLICY_CHANGED);
    public static final List<String> TOUCHPOINT = List.of(TOUCHPOINT_RECORDED);

    private EventTypes() {
    }
}
