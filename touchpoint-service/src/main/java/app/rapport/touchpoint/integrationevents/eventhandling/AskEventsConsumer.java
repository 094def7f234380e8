package app.rapport.touchpoint.integrationevents.eventhandling;

import app.rapport.events.EventTypes;
import app.rapport.events.MalformedEventException;
import app.rapport.events.ask.AskAccepted;
import app.rapport.events.ask.AskDeclinedByAdvocate;
import app.rapport.events.ask.AskLifecycleEvent;
import app.rapport.events.ask.AskLifecycleEvents;
import app.rapport.events.ask.AskSent;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.messaging.InboundEvent;
import app.rapport.messaging.InboundBatchProcessor;
import app.rapport.touchpoint.domain.Source;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.touchpoint.service.TouchpointService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns ask events into touchpoints: sent → ASK_SENT; accepted and declined-by-advocate →
 * ASK_ANSWERED; completed → ACTIVITY; outcome-recorded → OUTCOME, when its result is new (a first
 * record, or a correction that changed the result). Every other ask event is ignored. The
 * touchpoint's id is {@code "tp-" + ce_id}, so a redelivered event is recorded once.
 */
@ApplicationScoped
public class AskEventsConsumer {
    private static final Logger LOG = Logger.getLogger(AskEventsConsumer.class);

    @Inject
    TouchpointService service;

    @Inject
    Clock clock;

    @Inject
    InboundBatchProcessor batches;

    /** A poll at a time: one bulk insert for the batch's touchpoints (see {@link InboundBatchProcessor}). */
    @Incoming("ask-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.process("ask-events", records, this::prepare, touchpoints -> {
            int recorded = service.recordDerivedAll(touchpoints);
            if (recorded < touchpoints.size()) {
                LOG.debugf("%d of %d ask events were recorded before", touchpoints.size() - recorded,
                        touchpoints.size());
            }
        });
    }

    /** The touchpoint type an ask event becomes, or null when it becomes none. */
    public static TouchpointType typeFor(String eventType) {
        return switch (eventType) {
            case EventTypes.ASK_SENT -> TouchpointType.ASK_SENT;
            case EventTypes.ASK_ACCEPTED, EventTypes.ASK_DECLINED_BY_ADVOCATE -> TouchpointType.ASK_ANSWERED;
            case EventTypes.ASK_COMPLETED -> TouchpointType.ACTIVITY;
            case EventTypes.ASK_OUTCOME_RECORDED -> TouchpointType.OUTCOME;
            default -> null;
        };
    }

    /** The touchpoint an ask event becomes, or null when it becomes none. */
    Touchpoint prepare(InboundEvent event) {
        TouchpointType type = typeFor(event.type());
        if (type == null) {
            return null;
        }
        if (type == TouchpointType.OUTCOME) {
            return prepareOutcome(event);
        }
        AskLifecycleEvent ask = event.payload(AskLifecycleEvents.payloadType(event.type()));
        requireAskId(event, ask.askId());
        String advocateId = advocateId(event, ask.advocateId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant occurredAt = occurredAt(event, ask.at(), now);
        String channel = ask instanceof AskSent sent && sent.channel() != null ? sent.channel().name() : null;
        // the type is the answer: accepted says yes, declined-by-advocate says no
        Boolean accepted = ask instanceof AskAccepted ? Boolean.TRUE
                : ask instanceof AskDeclinedByAdvocate ? Boolean.FALSE : null;
        return new Touchpoint("tp-" + event.id(), advocateId, type, occurredAt, now, channel, null, ask.askId(),
                name(ask.activity()), accepted, null, ask.by(), Source.ASK_EVENT);
    }

    /**
     * The OUTCOME an outcome-recorded event becomes, or null when its result is not new: a correction
     * that kept the result (only the amount, say) must not re-open an outcome the owner already shared.
     * Its value is an {@link AskOutcomeRecordedEvent}, not an {@link AskLifecycleEvent}; an unknown result is
     * unreadable, hence a poison record.
     */
    Touchpoint prepareOutcome(InboundEvent event) {
        AskOutcomeRecordedEvent outcome = event.payload(AskOutcomeRecordedEvent.class);
        requireAskId(event, outcome.askId());
        String advocateId = advocateId(event, outcome.advocateId());
        if (outcome.result() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no result");
        }
        if (outcome.result() == outcome.previousResult()) {
            LOG.debugf("%s %s keeps the result %s of ask %s: nothing new to share", event.type(), event.id(),
                    outcome.result(), outcome.askId());
            return null;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Touchpoint("tp-" + event.id(), advocateId, TouchpointType.OUTCOME,
                occurredAt(event, outcome.at(), now), now, null, null, outcome.askId(), name(outcome.activity()), null,
                outcome.result().name(), outcome.by(),
                Source.ASK_EVENT);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static void requireAskId(InboundEvent event, String askId) {
        if (askId == null || askId.isBlank()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no askId");
        }
    }

    /** The payload's advocateId, else ce_subject; neither is a poison record. */
    private static String advocateId(InboundEvent event, String fromPayload) {
        String advocateId = fromPayload != null && !fromPayload.isBlank() ? fromPayload : event.subject();
        if (advocateId == null || advocateId.isBlank()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no advocateId");
        }
        return advocateId;
    }

    /** The payload's {@code at}, else ce_time, else now; at millisecond precision. */
    private static Instant occurredAt(InboundEvent event, Instant at, Instant now) {
        Instant t = at != null ? at : event.timeOrNull() != null ? event.timeOrNull() : now;
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
