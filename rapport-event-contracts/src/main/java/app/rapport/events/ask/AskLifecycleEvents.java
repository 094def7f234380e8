package app.rapport.events.ask;

import app.rapport.events.EventTypes;

/** Which record is the value of which ask lifecycle {@code ce_type}. */
public final class AskLifecycleEvents {

    /**
     * The payload record of {@code ceType}, or null when it is no lifecycle event (outcome-recorded
     * has {@link AskOutcomeRecordedEvent}, policy-changed {@link PolicyChangedEvent}).
     */
    public static Class<? extends AskLifecycleEvent> payloadType(String ceType) {
        if (ceType == null) {
            return null;
        }
        return switch (ceType) {
            case EventTypes.ASK_REQUESTED -> AskRequested.class;
            case EventTypes.ASK_ROUTED -> AskRouted.class;
            case EventTypes.ASK_BLOCKED -> AskBlocked.class;
            case EventTypes.ASK_OVERRIDDEN -> AskOverridden.class;
            case EventTypes.ASK_SENT -> AskSent.class;
            case EventTypes.ASK_DECLINED_BY_OWNER -> AskDeclinedByOwner.class;
            case EventTypes.ASK_ACCEPTED -> AskAccepted.class;
            case EventTypes.ASK_DECLINED_BY_ADVOCATE -> AskDeclinedByAdvocate.class;
            case EventTypes.ASK_COMPLETED -> AskCompleted.class;
            case EventTypes.ASK_CANCELLED -> AskCancelled.class;
            case EventTypes.ASK_EXPIRED -> AskExpired.class;
            case EventTypes.ASK_REASSIGNED -> AskReassigned.class;
            default -> null;
        };
    }

    private AskLifecycleEvents() {
    }
}
