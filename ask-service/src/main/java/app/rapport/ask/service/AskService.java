package app.rapport.ask.service;

import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.ask.Ask;
import app.rapport.ask.domain.ask.AskBlockedException;
import app.rapport.ask.domain.ask.EligibilityCheck;
import app.rapport.ask.domain.ask.IllegalTransitionException;
import app.rapport.ask.domain.ask.Outcome;
import app.rapport.ask.domain.eligibility.AskRequest;
import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.EligibilityGate;
import app.rapport.ask.domain.eligibility.Policy;
import app.rapport.ask.domain.usage.Ledger;
import app.rapport.ask.mapping.EligibilityMapping;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.AskRepository;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.domain.eligibility.AccountView;
import app.rapport.ask.repository.UsageLedgers.Scope;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.OutboxRelayService;
import app.rapport.web.ApiException;
import app.rapport.web.Problem;
import app.rapport.web.Roles;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The life of an ask: load the {@link Ask} aggregate, call one transition, write the new state, its
 * history and its events in one conditional single-document write ({@link AskRepository#update}).
 *
 * <p>Caps under concurrency (docs/eligibility.md, "How the caps hold under concurrency"):
 * <ul>
 *   <li>WORKLOAD and DUPLICATE: an open ask holds {@code workloadSlot} and {@code duplicateSlot} under
 *   unique sparse indexes; the insert (or the override's update) is the reservation.</li>
 *   <li>RECENTLY_ASKED, CONTACT_BUDGET and ACCOUNT_BUDGET: at send, a conditional write on the advocate's
 *   usage ledger and then on the account's reserves the use ({@link UsageLedgers#reserve}); then the
 *   ask's SENT write; then the reservations are confirmed. A lost race decides again.</li>
 *   <li>OWNER_CAPACITY: when an ask is routed, a conditional write on the owner's ledger reserves the
 *   routing; then the ask's insert; then the routing is confirmed (released if the insert fails).</li>
 * </ul>
 */
@ApplicationScoped
public class AskService {
    private static final Logger LOG = Logger.getLogger(AskService.class);
    static final int ATTEMPTS = 10;
    /** A send decides again after each lost reservation race; each round one racer wins, so this is ample. */
    static final int SEND_ATTEMPTS = 60;

    @Inject
    AskRepository asks;

    @Inject
    AdvocateViewRepository views;

    @Inject
    UsageService usage;

    @Inject
    UsageLedgers ledgers;

    @Inject
    PolicyService policies;

    @Inject
    OutboxRelayService relay;

    @Inject
    Clock clock;

    /** A decision with the projection freshness it was made on, and the ledgers it read. */
    public record Evaluation(Decision decision, Instant checkedAt, Instant asOf, Document view, UsageService.Read read,
            Policy policy) {
        EligibilityCheck check() {
            return new EligibilityCheck(decision, checkedAt, asOf);
        }
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The advocate's view, or 422 when the projection has never seen them. */
    public Document requireView(String advocateId) {
        Document view = views.find(advocateId);
        if (!AdvocateViewRepository.known(view)) {
            throw ApiException.unprocessable("Advocate '" + advocateId + "' is not known to the eligibility gate: "
                    + "no advocate event for this id has reached ask-service (it may not exist, or it was registered "
                    + "a moment ago and is still on its way)");
        }
        return view;
    }

    /** The gate when routing (create, dry run, override): OWNER_CAPACITY included. */
    public Evaluation evaluate(Document view, String activity, LocalDate dueBy, String excludeAskId) {
        return evaluate(view, activity, dueBy, excludeAskId, true);
    }

    /**
     * The gate on what it reads by key: the view (given), the advocate's and the account's ledgers (the
     * latter with the account's situation), the owner's ledger when routing, the open asks, the policy.
     *
     * @param routing whether the ask is being routed to the owner (OWNER_CAPACITY applies); false at send
     */
    public Evaluation evaluate(Document view, String activity, LocalDate dueBy, String excludeAskId, boolean routing) {
        Policy policy = policies.current();
        LocalDate today = today();
        UsageService.Read read = usage.read(view.getString("_id"), view.getString("accountId"),
                routing ? view.getString("ownerId") : null, excludeAskId, today);
        Decision d = EligibilityGate.evaluate(AdvocateViewRepository.toView(view), read.situation(), read.usage(),
                policy, today, new AskRequest(activity, dueBy));
        java.util.Date asOf = view.getDate("asOf");
        return new Evaluation(d, clock.instant(), asOf == null ? null : asOf.toInstant(), view, read, policy);
    }

    /** GET /api/eligibility: the same decision, nothing stored. */
    public Evaluation dryRun(String advocateId, String activity, LocalDate dueBy) {
        checkDueBy(dueBy);
        return evaluate(requireView(advocateId), activity, dueBy, null);
    }

    private void checkDueBy(LocalDate dueBy) {
        if (dueBy != null && dueBy.isBefore(today())) {
            throw ApiException.invalidField("dueBy", "must be today or later");
        }
    }

    /**
     * An ask as written, with the advocate's view and the account's situation the gate decided on
     * (null when the account has none yet): the brief of the response is built from them instead of
     * reading them again.
     */
    public record Written(Document ask, Document view, AccountView account) {
    }

    public record NewAsk(String advocateId, String activity, LocalDate dueBy, String opportunity, String need,
            String notes) {
    }

    /**
     * POST /api/asks: decides at once and stores the ask either way. A routed ask is noted on the
     * advocate's ledger first (its open asks), then inserted with its slots; a lost slot race takes the
     * note back and decides again.
     */
    public Written create(NewAsk req, Caller caller) {
        checkDueBy(req.dueBy());
        String id = UUID.randomUUID().toString();
        int ownerRaces = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Document view = requireView(req.advocateId());
            Evaluation ev = evaluate(view, req.activity(), req.dueBy(), null);
            Instant now = clock.instant();
            boolean routed = ev.decision().eligible();
            String slot = routed ? freeSlot(req.advocateId(), ev.policy(), ev.read().takenSlots()) : null;
            if (routed && slot == null) {
                continue; // the open asks changed between the gate and now: decide again
            }
            Ask ask = Ask.request(id, req.advocateId(), view.getString("accountId"), caller.id(),
                    view.getString("ownerId"), req.activity(), req.dueBy(),
                    new Ask.Context(req.opportunity(), req.need(), req.notes()), ev.check(), slot, now);
            Ledger owner = routed ? ev.read().owner() : null;
            Ledger.Entry routing = owner == null ? null
                    : new Ledger.Entry("ROUTED", id, req.advocateId(), today(), req.activity(), true, now);
            if (owner != null && !owner.holds(id) && !ledgers.reserve(Scope.OWNER, owner, routing)) {
                // the owner's ledger changed since the gate read it (another ask routed): decide again;
                // each lost round means another ask was routed, so these do not use up the attempts
                if (++ownerRaces <= SEND_ATTEMPTS) {
                    attempt--;
                }
                continue;
            }
            if (routed) {
                ledgers.open(req.advocateId(), id, req.activity(), ask.status().name(), now);
            }
            try {
                Document stored = asks.insert(ask);
                if (routing != null) {
                    ledgers.confirm(Scope.OWNER, owner.id(), routing);
                }
                relay.nudge();
                return new Written(stored, view, ev.read().situation());
            } catch (MongoWriteException e) {
                if (routed) {
                    ledgers.close(req.advocateId(), id);
                }
                if (routing != null) {
                    ledgers.release(Scope.OWNER, owner.id(), id);
                }
                if (!Inbox.isDuplicateKey(e) || !routed) {
                    throw e;
                }
                LOG.debugf("ask %s lost a slot race for advocate %s, deciding again", id, req.advocateId());
            } catch (RuntimeException e) {
                if (routed) {
                    ledgers.close(req.advocateId(), id);
                }
                if (routing != null) {
                    ledgers.release(Scope.OWNER, owner.id(), id);
                }
                throw e;
            }
        }
        throw ApiException.conflict("Too many asks for this advocate at the same moment; please try again");
    }

    /** The lowest workload slot not held by an open ask, or null. */
    static String freeSlot(String advocateId, Policy policy, Set<String> taken) {
        for (int n = 1; n <= policy.maxOpenAsksPerAdvocate(); n++) {
            String slot = advocateId + "#" + n;
            if (!taken.contains(slot)) {
                return slot;
            }
        }
        return null;
    }

    public Document get(String id) {
        Document d = asks.find(id);
        if (d == null) {
            throw ApiException.notFound("No ask with id '" + id + "'");
        }
        return d;
    }

    private Ask load(String id) {
        return AskRepository.toAsk(get(id));
    }

    // ---- transitions ---------------------------------------------------------------------------

    private static ApiException illegal(IllegalTransitionException e) {
        return new ApiException(Problem.of(Response.Status.CONFLICT, e.getMessage()).with("status", e.current().name()));
    }

    private static ApiException blocked(AskBlockedException e) {
        return new ApiException(Problem.of(Response.Status.CONFLICT, e.getMessage())
                .with("reasons", e.decision().reasons().stream().map(EligibilityMapping::toResponse).toList()));
    }

    private ApiException changedMeanwhile(String id) {
        Document now = get(id);
        return new ApiException(Problem.of(Response.Status.CONFLICT, "The ask changed at the same moment and is now "
                + now.getString("status") + "; nothing was changed").with("status", now.getString("status")));
    }

    /** Only the advocate's current owner (per the projection) may act for the advocate. */
    private void requireCurrentOwner(Ask ask, Caller caller, String what) {
        Document view = views.find(ask.advocateId());
        String owner = view == null ? ask.ownerId() : view.getString("ownerId");
        if (owner == null || !owner.equals(caller.id())) {
            throw ApiException.forbidden("Only the advocate's current relationship owner may " + what + " this ask");
        }
    }

    /** Runs a transition on the aggregate and writes it; 409 when it is not allowed or lost a race. */
    private Document transition(Ask ask, Consumer<Ask> change) {
        try {
            change.accept(ask);
        } catch (IllegalTransitionException e) {
            throw illegal(e);
        } catch (AskBlockedException e) {
            throw blocked(e);
        }
        Document written = asks.updateAndGet(ask);
        if (written == null) {
            throw changedMeanwhile(ask.id());
        }
        afterWrite(ask);
        return written;
    }

    private void afterWrite(Ask ask) {
        if (!ask.status().isOpen() && ask.loadedStatus() != null && ask.loadedStatus().isOpen()) {
            ledgers.close(ask.advocateId(), ask.id());
        }
        relay.nudge();
    }

    /**
     * The owner made the ask personally. The gate runs again first (ignoring codes overridden on this
     * ask), and the use is reserved on the advocate's ledger, then on the account's, each by one
     * conditional write on the ledger as the gate saw it; a lost race decides again. Then the ask's
     * SENT write, then the reservations are confirmed. See docs/eligibility.md for the crash story.
     */
    public Written send(String id, String channel, String note, Caller caller) {
        for (int attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
            Ask ask = load(id);
            requireCurrentOwner(ask, caller, "send");
            try {
                ask.require(AskStatus.SENT, "sent");
            } catch (IllegalTransitionException e) {
                throw illegal(e);
            }
            Document view = requireView(ask.advocateId());
            String accountId = view.getString("accountId");
            Evaluation ev = evaluate(view, ask.activity(), ask.dueBy(), id, false);
            Instant now = clock.instant();
            try {
                ask.send(caller.id(), channel, note, ev.check(), now);
            } catch (AskBlockedException e) {
                release(id, ask.advocateId(), accountId);
                throw blocked(e);
            }
            Ledger.Entry use = new Ledger.Entry("ASK", id, ask.advocateId(), ask.sentDate(), ask.activity(), true, now);
            Ledger adv = ev.read().advocate();
            Ledger acc = ev.read().account();
            if (!adv.holds(id) && !ledgers.reserve(Scope.ADVOCATE, adv, use)) {
                continue; // the advocate's ledger changed since the gate read it: decide again
            }
            if (acc != null && !acc.holds(id) && !ledgers.reserve(Scope.ACCOUNT, acc, use)) {
                continue; // the account's ledger changed: decide again (our advocate reservation is kept)
            }
            Document written;
            try {
                written = asks.updateAndGet(ask);
            } catch (RuntimeException e) {
                release(id, ask.advocateId(), accountId);
                throw e;
            }
            if (written == null) {
                Document current = get(id);
                if (current.getString("sentDate") != null) {
                    confirm(use, accountId); // sent by a racing request of the same owner
                } else {
                    release(id, ask.advocateId(), accountId);
                }
                throw changedMeanwhile(id);
            }
            confirm(use, accountId);
            relay.nudge();
            return new Written(written, view, ev.read().situation());
        }
        Ask last = load(id);
        release(id, last.advocateId(), requireView(last.advocateId()).getString("accountId"));
        throw ApiException.conflict("Too many sends for this advocate or account at the same moment; please try again");
    }

    private void release(String askId, String advocateId, String accountId) {
        ledgers.release(Scope.ADVOCATE, advocateId, askId);
        if (accountId != null) {
            ledgers.release(Scope.ACCOUNT, accountId, askId);
        }
    }

    private void confirm(Ledger.Entry use, String accountId) {
        ledgers.confirm(Scope.ADVOCATE, use.advocateId(), use);
        if (accountId != null) {
            ledgers.confirm(Scope.ACCOUNT, accountId, use);
        }
    }

    public Document decline(String id, String reason, Caller caller) {
        Ask ask = load(id);
        requireCurrentOwner(ask, caller, "decline");
        return transition(ask, a -> a.decline(caller.id(), reason, clock.instant()));
    }

    /**
     * BLOCKED → AWAITING_OWNER, by the owner, with a written reason, only when every reason the gate
     * gives now is SOFT. The ask takes its slots in the same write (409 if another ask holds them).
     */
    public Written override(String id, String reason, Caller caller) {
        Ask ask = load(id);
        requireCurrentOwner(ask, caller, "override");
        try {
            ask.require(AskStatus.AWAITING_OWNER, "overridden");
        } catch (IllegalTransitionException e) {
            throw illegal(e);
        }
        Document view = requireView(ask.advocateId());
        Evaluation ev = evaluate(view, ask.activity(), ask.dueBy(), id);
        Instant now = clock.instant();
        try {
            ask.override(caller.id(), reason, ev.check(), freeSlot(ask.advocateId(), ev.policy(),
                    ev.read().takenSlots()), now);
        } catch (AskBlockedException e) {
            throw blocked(e);
        }
        ledgers.open(ask.advocateId(), id, ask.activity(), ask.status().name(), now);
        // the override routes the ask to its owner: it counts on the owner's ledger (not conditionally:
        // the owner knowingly goes over OWNER_CAPACITY, a SOFT reason)
        Ledger.Entry routing = new Ledger.Entry("ROUTED", id, ask.advocateId(), today(), ask.activity(), true, now);
        ledgers.recordIfMissing(Scope.OWNER, caller.id(), routing);
        Document written;
        try {
            written = asks.updateAndGet(ask);
        } catch (MongoServerException e) {
            ledgers.close(ask.advocateId(), id);
            ledgers.release(Scope.OWNER, caller.id(), id);
            if (Inbox.isDuplicateKey(e)) {
                throw ApiException.conflict("Another open ask for this advocate took the slot this one needs "
                        + "(the workload cap or a duplicate activity); nothing was changed");
            }
            throw e;
        }
        if (written == null) {
            ledgers.close(ask.advocateId(), id);
            ledgers.release(Scope.OWNER, caller.id(), id);
            throw changedMeanwhile(id);
        }
        ledgers.confirm(Scope.OWNER, caller.id(), routing);
        relay.nudge();
        return new Written(written, view, ev.read().situation());
    }

    /** The owner records the advocate's answer. */
    public Document respond(String id, boolean accepted, String note, Caller caller) {
        Ask ask = load(id);
        requireCurrentOwner(ask, caller, "record a response to");
        return transition(ask, a -> a.respond(caller.id(), accepted, note, clock.instant()));
    }

    /** The owner records that the activity happened. */
    public Document complete(String id, String note, Caller caller) {
        Ask ask = load(id);
        requireCurrentOwner(ask, caller, "complete");
        return transition(ask, a -> a.complete(caller.id(), note, clock.instant()));
    }

    /** The requester, the advocate's current owner, a programme-manager or an admin may cancel. */
    public Document cancel(String id, String reason, Caller caller) {
        Ask ask = load(id);
        Document view = views.find(ask.advocateId());
        String owner = view == null ? ask.ownerId() : view.getString("ownerId");
        boolean allowed = caller.id().equals(ask.requesterId()) || caller.id().equals(owner)
                || caller.has(Roles.PROGRAMME_MANAGER) || caller.has(Roles.ADMIN);
        if (!allowed) {
            throw ApiException.forbidden("Only the requester, the advocate's owner, a programme-manager or an admin "
                    + "may cancel this ask");
        }
        return transition(ask, a -> a.cancel(caller.id(), reason, clock.instant()));
    }

    public record NewOutcome(OutcomeResult result, BigDecimal amount, String currency, LocalDate closedOn,
            String story) {
    }

    /**
     * Records or corrects the outcome of a COMPLETED ask: the requester, the advocate's current owner or
     * a programme manager. The same outcome again changes nothing and answers the ask as it is.
     */
    public Document recordOutcome(String id, NewOutcome o, Caller caller) {
        if (o.amount() != null && o.currency() == null) {
            throw ApiException.invalidField("currency", "is required with amount (the amount is never converted)");
        }
        if (o.amount() == null && o.currency() != null) {
            throw ApiException.invalidField("amount", "is required with currency");
        }
        if (o.closedOn().isAfter(today())) {
            throw ApiException.invalidField("closedOn", "must be today or earlier: an outcome is recorded once the "
                    + "opportunity has closed");
        }
        Document current = get(id);
        Ask ask = AskRepository.toAsk(current);
        Document view = views.find(ask.advocateId());
        String owner = view == null ? ask.ownerId() : view.getString("ownerId");
        if (!caller.id().equals(ask.requesterId()) && !caller.id().equals(owner)
                && !caller.has(Roles.PROGRAMME_MANAGER)) {
            throw ApiException.forbidden("Only the requester, the advocate's owner or a programme-manager may record "
                    + "the outcome of this ask");
        }
        boolean changed;
        try {
            changed = ask.recordOutcome(new Outcome(o.result(), o.amount(), o.currency(), o.closedOn(), o.story(),
                    caller.id(), clock.instant()));
        } catch (IllegalTransitionException e) {
            throw illegal(e);
        }
        if (!changed) {
            return current;
        }
        Document written = asks.updateAndGet(ask);
        if (written == null) {
            throw changedMeanwhile(id);
        }
        relay.nudge();
        return written;
    }

    // ---- driven by events and time ---------------------------------------------------------------

    /**
     * The advocate's owner changed: every ask still in the owner's hands (BLOCKED, AWAITING_OWNER,
     * SENT, ACCEPTED) moves to the new owner, one conditional write each, with a reassigned event.
     * Idempotent: an ask already with the new owner is left alone.
     */
    public int reassign(String advocateId, String newOwnerId, String by) {
        if (newOwnerId == null || newOwnerId.isBlank()) {
            return 0;
        }
        int moved = 0;
        for (Document d : asks.ownedBy(advocateId)) {
            Ask ask = AskRepository.toAsk(d);
            if (ask.reassign(newOwnerId, by, clock.instant()) && asks.update(ask)) {
                moved++;
            }
        }
        if (moved > 0) {
            relay.nudge();
        }
        return moved;
    }

    /**
     * Moves asks still AWAITING_OWNER after their dueBy, or awaiting the owner for more than {@code maxDays}
     * (counted from routing or override, {@code awaitingSince}), to EXPIRED. Each is a conditional write
     * on status and version, so several instances running this at once expire each ask once.
     */
    public int expire(Instant now, int maxDays) {
        int expired = 0;
        for (Document d : asks.dueToExpire(now, maxDays)) {
            Ask ask = AskRepository.toAsk(d);
            String why = ask.expiryReason(now, maxDays);
            if (why == null) {
                continue;
            }
            ask.expire(why, now);
            if (asks.update(ask)) {
                expired++;
                ledgers.close(ask.advocateId(), ask.id());
            }
        }
        if (expired > 0) {
            relay.nudge();
        }
        return expired;
    }
}
