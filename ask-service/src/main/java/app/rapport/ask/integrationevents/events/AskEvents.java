package app.rapport.ask.integrationevents.events;

import app.rapport.ask.domain.ask.AskDomainEvent;
import app.rapport.ask.domain.ask.AskEventKind;
import app.rapport.ask.domain.ask.Outcome;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.ask.AskEvent;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.messaging.OutboxEvent;

import java.util.UUID;

/**
 * The ask-events ask-service publishes, one per domain event of the {@code Ask} aggregate: ids, codes
 * and times only (no context, notes, reasons' free text or an outcome's story), keyed by advocateId so
 * each advocate's events stay in order.
 */
public final class AskEvents {

    public static OutboxEvent of(AskDomainEvent e) {
        Object payload = e.kind() == AskEventKind.OUTCOME_RECORDED ? outcome(e)
                : new AskEvent(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(), e.activity(),
                        e.status(), e.previousStatus(), e.dueBy(), e.reasonCodes(), e.channel(), e.accepted(), e.by(),
                        e.at());
        return new OutboxEvent(UUID.randomUUID().toString(), Topics.ASK_EVENTS, e.advocateId(), type(e), e.at(),
                EventJson.write(payload));
    }

    /** The outcome without its story: the story is free text and stays in ask-service. */
    static AskOutcomeRecordedEvent outcome(AskDomainEvent e) {
        Outcome o = e.outcome();
        return new AskOutcomeRecordedEvent(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(),
                e.activity(), o.result(), e.previousResult(), o.amount(), o.currency(), o.closedOn(),
                e.previousResult() != null, e.by(), e.at());
    }

    static String type(AskDomainEvent e) {
        return switch (e.kind()) {
            case REQUESTED -> EventTypes.ASK_REQUESTED;
            case ROUTED -> EventTypes.ASK_ROUTED;
            case BLOCKED -> EventTypes.ASK_BLOCKED;
            case OVERRIDDEN -> EventTypes.ASK_OVERRIDDEN;
            case SENT -> EventTypes.ASK_SENT;
            case DECLINED_BY_OWNER -> EventTypes.ASK_DECLINED_BY_OWNER;
            case ACCEPTED -> EventTypes.ASK_ACCEPTED;
            case DECLINED_BY_ADVOCATE -> EventTypes.ASK_DECLINED_BY_ADVOCATE;
            case COMPLETED -> EventTypes.ASK_COMPLETED;
            case CANCELLED -> EventTypes.ASK_CANCELLED;
            case EXPIRED -> EventTypes.ASK_EXPIRED;
            case REASSIGNED -> EventTypes.ASK_REASSIGNED;
            case OUTCOME_RECORDED -> EventTypes.ASK_OUTCOME_RECORDED;
        };
    }

    private AskEvents() {
    }
}
