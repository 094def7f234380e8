package app.rapport.ask.integrationevents.eventhandling;

import app.rapport.ask.domain.usage.Ledger;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.repository.UsageLedgers.Scope;
import app.rapport.events.EventTypes;
import app.rapport.events.MalformedEventException;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.messaging.InboundBatchProcessor;
import app.rapport.messaging.InboundEvent;
import app.rapport.messaging.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * touchpoint-events → the projection, a poll at a time: recent touchpoints for the brief in one
 * ordered bulk write on the views, and MANUAL ACTIVITY touchpoints as uses, on the view (for the
 * ledger rebuild) and on the advocate's and the account's usage ledgers (a bounded number of keyed
 * writes per such event). ACTIVITY touchpoints derived from our own ask events (source ASK_EVENT) do
 * not count again: the ask's SENT already counted.
 */
@ApplicationScoped
public class TouchpointEventsConsumer {
    private static final Logger LOG = Logger.getLogger(TouchpointEventsConsumer.class);

    @Inject
    AdvocateViewRepository views;

    @Inject
    UsageLedgers ledgers;

    @Inject
    InboundBatchProcessor batches;

    /** A touchpoint's change to the view, and the use it counts as (null when none). */
    record Prepared(String eventId, String advocateId, Inbox.Change change, Ledger.Entry use) {
    }

    @Incoming("touchpoint-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.process("touchpoint-events", records, this::prepare, this::applyAll);
    }

    Prepared prepare(InboundEvent event) {
        if (!EventTypes.TOUCHPOINT_RECORDED.equals(event.type())) {
            LOG.debugf("ignoring %s %s", event.type(), event.id());
            return null;
        }
        TouchpointRecordedEvent t = event.payload(TouchpointRecordedEvent.class);
        if (t.advocateId() == null || t.advocateId().isBlank() || t.type() == null) {
            throw new MalformedEventException("touchpoint event " + event.id() + " has no advocateId or type");
        }
        Instant at = event.timeOrNull() != null ? event.timeOrNull() : Instant.now();
        Ledger.Entry use = AdvocateViewRepository.countsAsUse(t) ? AdvocateViewRepository.use(t, at) : null;
        return new Prepared(event.id(), t.advocateId(), AdvocateViewRepository.touchpointChange(event.id(), t, at), use);
    }

    void applyAll(List<Prepared> batch) {
        views.applyAll(batch.stream().map(Prepared::change).toList());
        List<Prepared> uses = batch.stream().filter(p -> p.use() != null).toList();
        if (uses.isEmpty()) {
            return;
        }
        // the use, on the advocate's ledger and on their account's: each once per ce_id, so a retried
        // batch records nothing twice
        Map<String, Document> accounts = views.ownersAndAccounts(uses.stream().map(Prepared::advocateId).toList());
        for (Prepared p : uses) {
            ledgers.recordOnce(Scope.ADVOCATE, p.advocateId(), p.eventId(), p.use());
            Document view = accounts.get(p.advocateId());
            String accountId = view == null ? null : view.getString("accountId");
            if (accountId != null) {
                ledgers.recordOnce(Scope.ACCOUNT, accountId, p.eventId(), p.use());
            }
        }
    }
}
