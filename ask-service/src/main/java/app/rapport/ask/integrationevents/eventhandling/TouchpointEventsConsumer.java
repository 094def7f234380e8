package app.rapport.ask.integrationevents.eventhandling;

import app.rapport.ask.domain.usage.Ledger;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.repository.UsageLedgers.Scope;
import app.rapport.events.EventTypes;
import app.rapport.events.MalformedEventException;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.messaging.InboundEvent;
import app.rapport.messaging.InboundProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * touchpoint-events → the projection: recent touchpoints for the brief, and MANUAL ACTIVITY
 * touchpoints as uses, on the view (for the ledger rebuild) and on the advocate's and the account's
 * usage ledgers (a bounded number of keyed writes per event). ACTIVITY touchpoints derived from our own ask events (source ASK_EVENT) do not
 * count again: the ask's SENT already counted.
 */
@ApplicationScoped
public class TouchpointEventsConsumer {
    private static final Logger LOG = Logger.getLogger(TouchpointEventsConsumer.class);

    @Inject
    AdvocateViewRepository views;

    @Inject
    UsageLedgers ledgers;

    @Incoming("touchpoint-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        InboundProcessor.process(record, this::apply);
    }

    void apply(InboundEvent event) {
        if (!EventTypes.TOUCHPOINT_RECORDED.equals(event.type())) {
            LOG.debugf("ignoring %s %s", event.type(), event.id());
            return;
        }
        TouchpointRecordedEvent t = event.payload(TouchpointRecordedEvent.class);
        if (t.advocateId() == null || t.advocateId().isBlank() || t.type() == null) {
            throw new MalformedEventException("touchpoint event " + event.id() + " has no advocateId or type");
        }
        Instant at = event.timeOrNull() != null ? event.timeOrNull() : Instant.now();
        views.applyTouchpoint(event.id(), t, at);
        if (AdvocateViewRepository.countsAsUse(t)) {
            // the use, on the advocate's ledger and on their account's: each once per ce_id
            Ledger.Entry use = AdvocateViewRepository.use(t, at);
            ledgers.recordOnce(Scope.ADVOCATE, t.advocateId(), event.id(), use);
            String accountId = views.accountOf(t.advocateId());
            if (accountId != null) {
                ledgers.recordOnce(Scope.ACCOUNT, accountId, event.id(), use);
            }
        }
    }
}
