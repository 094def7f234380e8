package app.rapport.ask.integrationevents.eventhandling;

import app.rapport.ask.domain.eligibility.AccountView;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.service.AskService;
import app.rapport.events.EventTypes;
import app.rapport.events.MalformedEventException;
import app.rapport.events.account.AccountSituationChangedEvent;
import app.rapport.events.advocate.AdvocateEvent;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * advocate-events → the gate's projection, a poll at a time. Every advocate event carries the full
 * snapshot, applied once per ce_id (Inbox) and never over a newer one (version), in one ordered bulk
 * write for the whole poll. When the owner changed, the advocate's asks follow the new owner: one
 * keyed read of the batch's views, and only on an owner change the advocate's owned asks (index
 * advocateId, status).
 */
@ApplicationScoped
public class AdvocateEventsConsumer {
    private static final Logger LOG = Logger.getLogger(AdvocateEventsConsumer.class);

    @Inject
    AdvocateViewRepository views;

    @Inject
    AskService asks;

    @Inject
    InboundBatchProcessor batches;

    @Inject
    UsageLedgers ledgers;

    /**
     * A snapshot's change to the view and who made it (for the reassignment's history); or, for an
     * account's situation (same topic, keyed by the account), the situation for the account's ledger.
     */
    record Prepared(String advocateId, String by, Inbox.Change change, Situation situation) {
    }

    /** An account's situation as published, for {@link UsageLedgers#applySituation}. */
    record Situation(String eventId, AccountView view, Instant asOf) {
    }

    @Incoming("advocate-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.process("advocate-events", records, this::prepare, this::applyAll);
    }

    Prepared prepare(InboundEvent event) {
        if (EventTypes.ACCOUNT_SITUATION_CHANGED.equals(event.type())) {
            return new Prepared(null, null, null, situation(event));
        }
        if (!EventTypes.ADVOCATE.contains(event.type())) {
            LOG.debugf("ignoring %s %s: not an advocate event ask-service uses", event.type(), event.id());
            return null;
        }
        AdvocateEvent e = event.payload(AdvocateEvent.class);
        if (e.advocate() == null || e.advocate().advocateId() == null || e.advocate().advocateId().isBlank()) {
            throw new MalformedEventException("advocate event " + event.id() + " has no advocate snapshot");
        }
        Instant at = e.at() != null ? e.at() : event.timeOrNull() != null ? event.timeOrNull() : Instant.now();
        return new Prepared(e.advocate().advocateId(), e.by(),
                AdvocateViewRepository.snapshotChange(event.id(), e.advocate(), at), null);
    }

    static Situation situation(InboundEvent event) {
        AccountSituationChangedEvent e = event.payload(AccountSituationChangedEvent.class);
        if (e.accountId() == null || e.accountId().isBlank()) {
            throw new MalformedEventException("account situation " + event.id() + " has no accountId");
        }
        List<AccountView.OpenCase> cases = e.openCases() == null ? List.of() : e.openCases().stream()
                .map(c -> new AccountView.OpenCase(c.caseId(), c.priority(), c.openedAt())).toList();
        List<AccountView.Escalation> escalations = e.escalations() == null ? List.of() : e.escalations().stream()
                .map(x -> new AccountView.Escalation(x.escalationId(), x.openedAt())).toList();
        List<AccountView.Spend> spend = e.spend() == null ? List.of() : e.spend().stream()
                .filter(p -> p.period() != null && p.amount() != null && p.currency() != null)
                .map(p -> new AccountView.Spend(p.period(), p.amount(), p.currency())).toList();
        AccountView view = new AccountView(e.accountId(), cases, escalations, e.renewsOn(),
                e.nps() == null ? null : e.nps().score(), e.nps() == null ? null : e.nps().at(), spend);
        Instant asOf = e.at() != null ? e.at() : event.timeOrNull();
        return new Situation(event.id(), view, asOf);
    }

    void applyAll(List<Prepared> batch) {
        // snapshots (views) and situations (account ledgers) touch different documents, so the snapshots go
        // first in one bulk write; the situations follow in record order, each once per ce_id
        List<Inbox.Change> changes = batch.stream().map(Prepared::change).filter(java.util.Objects::nonNull).toList();
        if (!changes.isEmpty()) {
            views.applyAll(changes);
        }
        for (Prepared p : batch) {
            if (p.situation() != null) {
                Situation s = p.situation();
                ledgers.applySituation(s.view().accountId(), s.eventId(), s.view(), s.asOf());
            }
        }
        // the last writer of each advocate in this batch, for the reassignment's history
        Map<String, String> by = new LinkedHashMap<>();
        batch.stream().filter(p -> p.advocateId() != null).forEach(p -> by.put(p.advocateId(), p.by()));
        if (by.isEmpty()) {
            return;
        }
        // only when the owner changed since the asks last followed it: a bounded handler otherwise. The
        // mark is set after the asks moved, so a crash in between moves them when the batch is retried
        // or at the next event.
        Map<String, Document> current = views.ownersAndAccounts(by.keySet());
        for (Map.Entry<String, String> e : by.entrySet()) {
            Document view = current.get(e.getKey());
            String owner = view == null ? null : view.getString("ownerId");
            if (owner != null && !owner.equals(view.getString(AdvocateViewRepository.ASKS_OWNER))) {
                asks.reassign(e.getKey(), owner, e.getValue());
                views.markAsksOwner(e.getKey(), owner);
            }
        }
    }
}
