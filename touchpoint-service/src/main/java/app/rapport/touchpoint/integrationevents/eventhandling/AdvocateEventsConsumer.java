package app.rapport.touchpoint.integrationevents.eventhandling;

import app.rapport.events.MalformedEventException;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.messaging.InboundEvent;
import app.rapport.messaging.InboundBatchProcessor;
import app.rapport.messaging.Inbox;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.time.Instant;

/**
 * Keeps the advocate projection (owner, status, name) from advocate-events: every
 * {@code rapport.advocate.*} event carries the full snapshot after the change.
 */
@ApplicationScoped
public class AdvocateEventsConsumer {
    @Inject
    AdvocateProjectionRepository advocates;

    @Inject
    Clock clock;

    @Inject
    InboundBatchProcessor batches;

    /** A poll at a time: one bulk write for the whole batch (see {@link InboundBatchProcessor}). */
    @Incoming("advocate-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.process("advocate-events", records, this::prepare, advocates::applyAll);
    }

    /** The projection change an event makes, or null when it makes none. */
    Inbox.Change prepare(InboundEvent event) {
        if (!event.type().startsWith("rapport.advocate.")) {
            return null;
        }
        AdvocateEvent payload = event.payload(AdvocateEvent.class);
        AdvocateSnapshot snapshot = payload.advocate();
        if (snapshot == null || snapshot.advocateId() == null || snapshot.advocateId().isBlank()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no advocate snapshot");
        }
        Instant at = payload.at() != null ? payload.at() : event.timeOrNull() != null ? event.timeOrNull()
                : clock.instant();
        return AdvocateProjectionRepository.change(snapshot, event.id(), at);
    }
}
