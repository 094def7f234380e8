package app.rapport.touchpoint.integrationevents.eventhandling;

import app.rapport.events.EventTypes;
import app.rapport.events.MalformedEventException;
import app.rapport.events.ask.AskEvent;
import app.rapport.messaging.InboundEvent;
import app.rapport.messaging.InboundBatchProcessor;
import app.rapport.touchpoint.domain.Channel;
import app.rapport.touchpoint.domain.Source;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.touchpoint.domain.TouchpointType;
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
 * ASK_ANSWERED; completed → ACTIVITY. Every other ask event is ignored. The touchpoint's id is
 * {@code "tp-" + ce_id}, so a redelivered event is recorded once.
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
            default -> null;
        };
    }

    /** The touchpoint an ask event becomes, or null when it becomes none. */
    Touchpoint prepare(InboundEvent event) {
        TouchpointType type = typeFor(event.type());
        if (type == null) {
            return null;
        }
        AskEvent ask = event.payload(AskEvent.class);
        if (ask.askId() == null || ask.askId().isBlank()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no askId");
        }
        String advocateId = ask.advocateId() != null && !ask.advocateId().isBlank() ? ask.advocateId()
                : event.subject();
        if (advocateId == null || advocateId.isBlank()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no advocateId");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant occurredAt = ask.at() != null ? ask.at() : event.timeOrNull() != null ? event.timeOrNull() : now;
        String channel = ask.channel() == null ? null : Channel.parse(ask.channel()).map(Enum::name).orElse(null);
        Boolean accepted = switch (event.type()) {
            case EventTypes.ASK_ACCEPTED -> Boolean.TRUE;
            case EventTypes.ASK_DECLINED_BY_ADVOCATE -> Boolean.FALSE;
            default -> null;
        };
        return new Touchpoint("tp-" + event.id(), advocateId, type, occurredAt.truncatedTo(ChronoUnit.MILLIS),
                now, channel, null, ask.askId(), ask.activity(), accepted, null, ask.by(), Source.ASK_EVENT);
    }
}
