package app.rapport.ask.service;

import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.eligibility.Usage;
import app.rapport.ask.domain.usage.Ledger;
import app.rapport.ask.repository.AskRepository;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.repository.UsageLedgers.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The usage a decision needs, read by key: the advocate's ledger, the account's ledger (with the
 * account's situation), the owner's ledger (the asks routed to them) and the advocate's open asks (by
 * {@code _id}, from the ledger's list). Also reconciles what a crash may
 * have left behind, always by {@code _id}:
 * <ul>
 *   <li>an open entry whose ask is closed, or was never stored (older than {@link #SETTLE}), is dropped;</li>
 *   <li>a pending routing on an owner ledger older than {@link #SETTLE} is confirmed when its ask exists
 *   (whatever its status: it was routed), dropped when the ask was never stored;</li>
 *   <li>a pending reservation older than {@link #SETTLE} is confirmed when its ask was sent, dropped when
 *   the ask is gone or closed without being sent, and otherwise kept (it still counts: over-counting
 *   protects the advocate).</li>
 * </ul>
 */
@ApplicationScoped
public class UsageService {
    private static final Logger LOG = Logger.getLogger(UsageService.class);
    /** How long an in-flight write may take before its leftovers are reconciled. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    @Inject
    UsageLedgers ledgers;

    @Inject
    AskRepository asks;

    @Inject
    Clock clock;

    /** The ledgers a decision was made on, and the usage the gate sees. {@code owner} is null when not read. */
    public record Read(Ledger advocate, Ledger account, Usage usage, Set<String> takenSlots, Ledger owner) {
        /** The situation of the advocate's account, kept on the account's ledger, or null. */
        public app.rapport.ask.domain.eligibility.AccountView situation() {
            return account == null ? null : account.situation();
        }
    }

    /**
     * @param excludeAskId the ask being checked again (send, override): its open entry and its own
     *                     reservation are left out
     */
    public Read read(String advocateId, String accountId, String excludeAskId, LocalDate today) {
        return read(advocateId, accountId, null, excludeAskId, today);
    }

    /**
     * @param ownerId the owner whose routed asks OWNER_CAPACITY counts (one more document by {@code _id}),
     *                or null to leave the rule out (at send: the ask was routed already)
     */
    public Read read(String advocateId, String accountId, String ownerId, String excludeAskId, LocalDate today) {
        Instant now = clock.instant();
        Ledger adv = ledgers.find(Scope.ADVOCATE, advocateId);
        Ledger acc = accountId == null ? null : ledgers.find(Scope.ACCOUNT, accountId);
        Ledger own = ownerId == null || ownerId.isBlank() ? null : ledgers.find(Scope.OWNER, ownerId);
        Set<String> slots = new HashSet<>();
        List<Usage.OpenAsk> open = openAsks(adv, excludeAskId, now, slots);
        adv = settle(Scope.ADVOCATE, adv, excludeAskId, now, today);
        if (acc != null) {
            acc = settle(Scope.ACCOUNT, acc, excludeAskId, now, today);
        }
        if (own != null) {
            own = settle(Scope.OWNER, own, excludeAskId, now, today);
        }
        List<Usage.Use> uses = adv.usesExcept(excludeAskId);
        List<Usage.Use> accountUses = acc == null ? uses : acc.usesExcept(excludeAskId);
        List<Usage.Use> routed = own == null ? null : own.usesExcept(excludeAskId);
        return new Read(adv, acc, new Usage(open, uses, accountUses, adv.givesAsUses(), routed), slots, own);
    }

    private List<Usage.OpenAsk> openAsks(Ledger adv, String excludeAskId, Instant now, Set<String> slots) {
        List<Ledger.OpenEntry> entries = adv.open().stream()
                .filter(o -> excludeAskId == null || !o.askId().equals(excludeAskId)).toList();
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<String, Document> found = asks.statuses(entries.stream().map(Ledger.OpenEntry::askId).toList());
        List<Usage.OpenAsk> open = new ArrayList<>();
        for (Ledger.OpenEntry e : entries) {
            Document a = found.get(e.askId());
            if (a != null && AskStatus.OPEN_NAMES.contains(a.getString("status"))) {
                open.add(new Usage.OpenAsk(e.askId(), a.getString("activity"), a.getString("status")));
                if (a.getString("workloadSlot") != null) {
                    slots.add(a.getString("workloadSlot"));
                }
            } else if (a == null && (e.at() == null || e.at().isAfter(now.minus(SETTLE)))) {
                open.add(new Usage.OpenAsk(e.askId(), e.activity(), e.status())); // being stored right now
            } else {
                LOG.debugf("ledger of %s: ask %s is not open (%s), forgetting it", adv.id(), e.askId(),
                        a == null ? "never stored" : a.getString("status"));
                ledgers.close(adv.id(), e.askId());
            }
        }
        return open;
    }

    private Ledger settle(Scope scope, Ledger l, String excludeAskId, Instant now, LocalDate today) {
        boolean changed = false;
        if (l.hasExpired(today)) {
            ledgers.trim(scope, l.id(), today);
            changed = true;
        }
        Set<String> stale = new HashSet<>();
        for (Ledger.Entry e : l.uses()) {
            if (e.pending() && !e.ref().equals(excludeAskId) && (e.at() == null || e.at().isBefore(now.minus(SETTLE)))) {
                stale.add(e.ref());
            }
        }
        if (!stale.isEmpty()) {
            Map<String, Document> found = asks.statuses(stale);
            for (Ledger.Entry e : l.uses()) {
                if (!stale.contains(e.ref())) {
                    continue;
                }
                Document a = found.get(e.ref());
                if (scope == Scope.OWNER) {
                    // an ask routed to the owner counts once it exists, whatever became of it since
                    if (a != null) {
                        ledgers.confirm(scope, l.id(), e);
                    } else {
                        LOG.infof("owner ledger %s: ask %s was never stored, releasing its routing", l.id(), e.ref());
                        ledgers.release(scope, l.id(), e.ref());
                    }
                    changed = true;
                } else if (a != null && a.getString("sentDate") != null) {
                    ledgers.confirm(scope, l.id(), e);
                    changed = true;
                } else if (a == null || !AskStatus.AWAITING_OWNER.name().equals(a.getString("status"))) {
                    LOG.infof("%s ledger %s: reservation for ask %s never became a use, releasing it", scope, l.id(),
                            e.ref());
                    ledgers.release(scope, l.id(), e.ref());
                    changed = true;
                }
            }
        }
        return changed ? ledgers.find(scope, l.id()) : l;
    }
}
