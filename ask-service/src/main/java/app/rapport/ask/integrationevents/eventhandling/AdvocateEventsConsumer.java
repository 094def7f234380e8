package app.rapport.ask.integrationevents.eventhandling;

import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.service.AskService;
import app.rapport.events.EventTypes;
import app.rapport.events.MalformedEventException;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.messaging.InboundEvent;
import app.rapport.messaging.InboundProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * advocate-events → the gate's projection. Every advocate event carries the full snapshot, applied
 * once per ce_id (Inbox) and never over a newer one (version). When the owner changed, the
 * advocate's asks follow the new owner. Per event: the view by key, and only on an owner change the
 * advocate's owned asks (index advocateId, status).
 */
@ApplicationScoped
public class AdvocateEventsConsumer {
    private static final Logger LOG = Logger.getLogger(AdvocateEventsConsumer.class);

    @Inject
    AdvocateViewRepository views;

    @Inject
    AskService asks;

    @Incoming("advocate-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        InboundProcessor.process(record, this::apply);
    }

    void apply(InboundEvent event) {
        if (!EventTypes.ADVOCATE.contains(event.type())) {
            LOG.debugf("ignoring %s %s: not an advocate event ask-service uses", event.type(), event.id());
            return;
        }
        AdvocateEvent e = event.payload(AdvocateEvent.class);
        if (e.advocate() == null || e.advocate().advocateId() == null || e.advocate().advocateId().isBlank()) {
            throw new MalformedEventException("advocate event " + event.id() + " has no advocate snapshot");
        }
        Instant at = e.at() != null ? e.at() : event.timeOrNull() != null ? event.timeOrNull() : Instant.now();
        views.applySnapshot(event.id(), e.advocate(), at);
        Document view = views.find(e.advocate().advocateId());
        String owner = view == null ? null : view.getString("ownerId");
        // only when the owner changed since the asks last followed it: a bounded handler otherwise. The
        // mark is set after the asks moved, so a crash in between moves them at the next event.
        if (owner != null && !owner.equals(view.getString(AdvocateViewRepository.ASKS_OWNER))) {
            asks.reassign(e.advocate().advocateId(), owner, e.by());
            views.markAsksOwner(e.advocate().advocateId(), owner);
        }
    }
}
