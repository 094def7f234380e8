package app.rapport.ask.integrationevents.events;

import app.rapport.ask.domain.ask.AskDomainEvent;
import app.rapport.ask.domain.ask.Outcome;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.ask.AskAccepted;
import app.rapport.events.ask.AskBlocked;
import app.rapport.events.ask.AskCancelled;
import app.rapport.events.ask.AskCompleted;
import app.rapport.events.ask.AskDeclinedByAdvocate;
import app.rapport.events.ask.AskDeclinedByOwner;
import app.rapport.events.ask.AskExpired;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.events.ask.AskOverridden;
import app.rapport.events.ask.AskReassigned;
import app.rapport.events.ask.AskRequested;
import app.rapport.events.ask.AskRouted;
import app.rapport.events.ask.AskSent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.Channel;
import app.rapport.messaging.OutboxEvent;

import java.util.UUID;

/**
 * The ask-events ask-service publishes, one per domain event of the {@code Ask} aggregate, each as
 * the record of its type (ids, codes and times only: no context, notes, reasons' free text or an
 * outcome's story), keyed by advocateId so each advocate's events stay in order.
 */
public final class AskEvents {

    public static OutboxEvent of(AskDomainEvent e) {
        return new OutboxEvent(UUID.randomUUID().toString(), Topics.ASK_EVENTS, e.advocateId(), type(e), e.at(),
                EventJson.write(payload(e)));
    }

    static Object payload(AskDomainEvent e) {
        Activity activity = Activity.valueOf(e.activity());
        return switch (e.kind()) {
            case REQUESTED -> new AskRequested(e.askId(), e.advocateId(), e.accountId(), e.requesterId(),
                    e.ownerId(), activity, e.status(), e.dueBy(), e.reasonCodes(), e.by(), e.at());
            case ROUTED -> new AskRouted(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(),
                    activity, e.status(), e.dueBy(), e.reasonCodes(), e.by(), e.at());
            case BLOCKED -> new AskBlocked(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(),
                    activity, e.status(), e.dueBy(), e.reasonCodes(), e.by(), e.at());
            case OVERRIDDEN -> new AskOverridden(e.askId(), e.advocateId(), e.accountId(), e.requesterId(),
                    e.ownerId(), activity, e.status(), e.dueBy(), e.previousStatus(), e.reasonCodes(), e.by(), e.at());
            case SENT -> new AskSent(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(),
                    activity, e.status(), e.dueBy(), e.previousStatus(), Channel.valueOf(e.channel()), e.by(), e.at());
            case DECLINED_BY_OWNER -> new AskDeclinedByOwner(e.askId(), e.advocateId(), e.accountId(),
                    e.requesterId(), e.ownerId(), activity, e.status(), e.dueBy(), e.previousStatus(), e.by(), e.at());
            case ACCEPTED -> new AskAccepted(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(),
                    activity, e.status(), e.dueBy(), e.previousStatus(), true, e.by(), e.at());
            case DECLINED_BY_ADVOCATE -> new AskDeclinedByAdvocate(e.askId(), e.advocateId(), e.accountId(),
                    e.requesterId(), e.ownerId(), activity, e.status(), e.dueBy(), e.previousStatus(), false, e.by(),
                    e.at());
            case COMPLETED -> new AskCompleted(e.askId(), e.advocateId(), e.accountId(), e.requesterId(),
                    e.ownerId(), activity, e.status(), e.dueBy(), e.previousStatus(), e.by(), e.at());
            case CANCELLED -> new AskCancelled(e.askId(), e.advocateId(), e.accountId(), e.requesterId(),
                    e.ownerId(), activity, e.status(), e.dueBy(), e.previousStatus(), e.by(), e.at());
            case EXPIRED -> new AskExpired(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(),
                    activity, e.status(), e.dueBy(), e.previousStatus(), e.by(), e.at());
            case REASSIGNED -> new AskReassigned(e.askId(), e.advocateId(), e.accountId(), e.requesterId(),
                    e.ownerId(), activity, e.status(), e.dueBy(), e.previousStatus(), e.by(), e.at());
            case OUTCOME_RECORDED -> outcome(e, activity);
        };
    }

    /** The outcome without its story: the story is free text and stays in ask-service. */
    static AskOutcomeRecordedEvent outcome(AskDomainEvent e, Activity activity) {
        Outcome o = e.outcome();
        return new AskOutcomeRecordedEvent(e.askId(), e.advocateId(), e.accountId(), e.requesterId(), e.ownerId(),
                activity, o.result(), e.previousResult(), o.amount(), o.currency(), o.closedOn(),
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
