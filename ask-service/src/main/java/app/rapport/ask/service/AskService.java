package app.rapport.ask.service;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.eligibility.AdvocateView;
import app.rapport.ask.domain.eligibility.AskRequest;
import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.EligibilityGate;
import app.rapport.ask.domain.eligibility.Policy;
import app.rapport.ask.domain.eligibility.Reason;
import app.rapport.ask.domain.eligibility.ReasonCode;
import app.rapport.ask.domain.eligibility.Severity;
import app.rapport.ask.domain.eligibility.Usage;
import app.rapport.ask.integrationevents.events.AskEvents;
import app.rapport.ask.mapping.EligibilityMapping;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.AskRepository;
import app.rapport.events.EventTypes;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.Outbox;
import app.rapport.messaging.OutboxEvent;
import app.rapport.messaging.OutboxRelayService;
import app.rapport.web.ApiException;
import app.rapport.web.Problem;
import app.rapport.web.Roles;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The life of an ask. Every change is one conditional single-document write (filter on the current
 * status and version) holding the new state, a history entry and the event in the ask's outbox.
 *
 * <p>Caps under concurrency: an open ask carries {@code workloadSlot = advocateId#n} (n in
 * 1..maxOpenAsksPerAdvocate) and {@code duplicateSlot = advocateId#activity}, both under unique sparse
 * indexes. Inserting a routed ask with its slots is atomic; a duplicate key means another request won
 * the slot, so the gate runs again (now seeing the winner) and the ask is stored BLOCKED. Leaving the
 * open states unsets the slots in the same write as the transition.
 */
@ApplicationScoped
public class AskService {
    private static final Logger LOG = Logger.getLogger(AskService.class);
    static final int ATTEMPTS = 10;

    @Inject
    Collections collections;

    @Inject
    AskRepository asks;

    @Inject
    AdvocateViewRepository views;

    @Inject
    PolicyService policies;

    @Inject
    OutboxRelayService relay;

    @Inject
    Clock clock;

    /** A decision with the projection freshness it was made on. */
    public record Evaluation(Decision decision, Instant checkedAt, Instant asOf, Document view) {
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

    public Evaluation evaluate(Document view, String activity, LocalDate dueBy, String excludeAskId) {
        Policy policy = policies.current();
        LocalDate today = today();
        Usage usage = asks.usage(view, excludeAskId, today);
        AdvocateView v = AdvocateViewRepository.toView(view);
        Decision d = EligibilityGate.evaluate(v, usage, policy, today, new AskRequest(activity, dueBy));
        Date asOf = view.getDate("asOf");
        return new Evaluation(d, clock.instant(), asOf == null ? null : asOf.toInstant(), view);
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

    public record NewAsk(String advocateId, String activity, LocalDate dueBy, String opportunity, String need,
            String notes) {
    }

    /** POST /api/asks: decides at once and stores the ask either way. */
    public Document create(NewAsk req, Caller caller) {
        checkDueBy(req.dueBy());
        Document view = requireView(req.advocateId());
        String id = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            view = attempt == 1 ? view : requireView(req.advocateId());
            Evaluation ev = evaluate(view, req.activity(), req.dueBy(), null);
            Instant now = clock.instant();
            Document doc = new Document("_id", id)
                    .append("advocateId", req.advocateId())
                    .append("accountId", view.getString("accountId"))
                    .append("requesterId", caller.id())
                    .append("ownerId", view.getString("ownerId"))
                    .append("activity", req.activity())
                    .append("dueBy", req.dueBy() == null ? null : req.dueBy().toString())
                    .append("context", new Document("opportunity", req.opportunity()).append("need", req.need())
                            .append("notes", req.notes()))
                    .append("eligibility", EligibilityMapping.toDocument(ev.decision(), ev.checkedAt(), ev.asOf()))
                    .append("createdAt", Date.from(now))
                    .append("updatedAt", Date.from(now))
                    .append("version", 1);
            List<Document> history = new ArrayList<>();
            history.add(history(now, caller.id(), "requested", null));
            List<OutboxEvent> events = new ArrayList<>();
            boolean routed = ev.decision().eligible();
            String status = routed ? AskStatus.AWAITING_OWNER.name() : AskStatus.BLOCKED.name();
            doc.append("status", status);
            events.add(AskEvents.of(doc, EventTypes.ASK_REQUESTED, status, null, ev.decision().codes(), null, null,
                    caller.id(), now));
            String slot = routed ? freeSlot(req.advocateId(), policies.current(), null) : null;
            if (routed && slot == null) {
                continue; // the open asks changed between the gate and now: decide again
            }
            if (routed) {
                doc.append("awaitingSince", Date.from(now)).append("workloadSlot", slot)
                        .append("duplicateSlot", duplicateSlot(req.advocateId(), req.activity()));
                history.add(history(now, "system", "routed", "to owner " + view.getString("ownerId")));
                events.add(AskEvents.of(doc, EventTypes.ASK_ROUTED, status, null, List.of(), null, null, "system", now));
            } else {
                history.add(history(now, "system", "blocked", String.join(", ", ev.decision().codes())));
                events.add(AskEvents.of(doc, EventTypes.ASK_BLOCKED, status, null, ev.decision().codes(), null, null,
                        "system", now));
            }
            doc.append("history", history);
            try {
                collections.asks().insertOne(Outbox.withEvents(doc, events));
                relay.nudge();
                return asks.find(id);
            } catch (MongoWriteException e) {
                if (!Inbox.isDuplicateKey(e) || !routed) {
                    throw e;
                }
                LOG.debugf("ask %s lost a slot race for advocate %s, deciding again", id, req.advocateId());
            }
        }
        throw ApiException.conflict("Too many asks for this advocate at the same moment; please try again");
    }

    static String duplicateSlot(String advocateId, String activity) {
        return advocateId + "#" + activity;
    }

    /** The lowest workload slot not held by an open ask, or an over-cap slot for an overridden ask. */
    String freeSlot(String advocateId, Policy policy, String excludeAskId) {
        Set<String> taken = AskRepository.takenSlots(asks.openAsks(advocateId, excludeAskId));
        for (int n = 1; n <= policy.maxOpenAsksPerAdvocate(); n++) {
            String slot = advocateId + "#" + n;
            if (!taken.contains(slot)) {
                return slot;
            }
        }
        return null;
    }

    static Document history(Instant at, String by, String action, String note) {
        Document h = new Document("at", Date.from(at)).append("by", by).append("action", action);
        if (note != null) {
            h.append("note", note);
        }
        return h;
    }

    public Document get(String id) {
        Document d = asks.find(id);
        if (d == null) {
            throw ApiException.notFound("No ask with id '" + id + "'");
        }
        return d;
    }

    // ---- transitions ---------------------------------------------------------------------------

    private static AskStatus statusOf(Document ask) {
        return AskStatus.valueOf(ask.getString("status"));
    }

    private static void requireTransition(Document ask, AskStatus next, String verb) {
        AskStatus current = statusOf(ask);
        if (!current.canMoveTo(next)) {
            throw new ApiException(Problem.of(Response.Status.CONFLICT, "The ask is " + current + "; it cannot be "
                    + verb + " (only " + allowedFrom(next) + " asks can)").with("status", current.name()));
        }
    }

    private static String allowedFrom(AskStatus next) {
        List<String> from = new ArrayList<>();
        for (AskStatus s : AskStatus.values()) {
            if (s.canMoveTo(next)) {
                from.add(s.name());
            }
        }
        return String.join(" or ", from);
    }

    /** Only the advocate's current owner (per the projection) may act for the advocate. */
    private Document requireCurrentOwner(Document ask, Caller caller, String what) {
        Document view = views.find(ask.getString("advocateId"));
        String owner = view == null ? ask.getString("ownerId") : view.getString("ownerId");
        if (owner == null || !owner.equals(caller.id())) {
            throw ApiException.forbidden("Only the advocate's current relationship owner may " + what + " this ask");
        }
        return view;
    }

    /**
     * The one conditional write of a transition. Zero matched means someone else changed the ask
     * first: 409 naming the state it is in now.
     */
    private Document apply(Document ask, AskStatus next, Caller caller, String action, String note,
            OutboxEvent event, List<Bson> extra) {
        Instant now = event.time();
        List<Bson> changes = new ArrayList<>(extra);
        changes.add(Updates.set("status", next.name()));
        changes.add(Updates.set("updatedAt", Date.from(now)));
        changes.add(Updates.inc("version", 1));
        changes.add(Updates.push("history", history(now, caller.id(), action, note)));
        if (!next.isOpen() && next != AskStatus.BLOCKED) {
            changes.add(Updates.unset("workloadSlot"));
            changes.add(Updates.unset("duplicateSlot"));
        }
        changes.add(Outbox.push(event));
        Bson filter = Filters.and(Filters.eq("_id", ask.getString("_id")), Filters.eq("status", ask.getString("status")),
                Filters.eq("version", ask.get("version")));
        UpdateResult r;
        try {
            r = collections.asks().updateOne(filter, Updates.combine(changes));
        } catch (MongoWriteException e) {
            if (Inbox.isDuplicateKey(e)) {
                throw ApiException.conflict("Another open ask for this advocate took the slot this one needs "
                        + "(the workload cap or a duplicate activity); nothing was changed");
            }
            throw e;
        }
        if (r.getMatchedCount() == 0) {
            Document now2 = get(ask.getString("_id"));
            throw new ApiException(Problem.of(Response.Status.CONFLICT, "The ask changed at the same moment and is now "
                    + now2.getString("status") + "; nothing was changed").with("status", now2.getString("status")));
        }
        relay.nudge();
        return get(ask.getString("_id"));
    }

    private ApiException blocked(String detail, Decision d) {
        return new ApiException(Problem.of(Response.Status.CONFLICT, detail)
                .with("reasons", d.reasons().stream().map(EligibilityMapping::toResponse).toList()));
    }

    /** The owner made the ask personally. The gate runs again first (ignoring codes overridden on this ask). */
    public Document send(String id, String channel, String note, Caller caller) {
        Document ask = get(id);
        requireCurrentOwner(ask, caller, "send");
        requireTransition(ask, AskStatus.SENT, "sent");
        Document view = requireView(ask.getString("advocateId"));
        String dueBy = ask.getString("dueBy");
        Evaluation ev = evaluate(view, ask.getString("activity"), dueBy == null ? null : LocalDate.parse(dueBy), id);
        List<String> overridden = ask.getList("overriddenCodes", String.class, List.of());
        List<Reason> still = ev.decision().reasons().stream()
                .filter(r -> r.severity() == Severity.HARD || !overridden.contains(r.code())).toList();
        if (!still.isEmpty()) {
            throw blocked("The ask has become blocked since it was routed: " + String.join(", ",
                    still.stream().map(Reason::code).toList()) + "; it was not sent", new Decision(false, still));
        }
        Instant now = clock.instant();
        Document changed = new Document(ask).append("ownerId", caller.id());
        OutboxEvent event = AskEvents.of(changed, EventTypes.ASK_SENT, AskStatus.SENT.name(), ask.getString("status"),
                null, channel, null, caller.id(), now);
        return apply(ask, AskStatus.SENT, caller, "sent", note, event, List.of(
                Updates.set("sentAt", Date.from(now)),
                Updates.set("sentDate", LocalDate.ofInstant(now, ZoneOffset.UTC).toString()),
                Updates.set("channel", channel),
                Updates.set("ownerId", caller.id()),
                Updates.set("eligibility", EligibilityMapping.toDocument(ev.decision(), ev.checkedAt(), ev.asOf()))));
    }

    public Document decline(String id, String reason, Caller caller) {
        Document ask = get(id);
        requireCurrentOwner(ask, caller, "decline");
        requireTransition(ask, AskStatus.DECLINED_BY_OWNER, "declined");
        OutboxEvent event = AskEvents.simple(ask, EventTypes.ASK_DECLINED_BY_OWNER, AskStatus.DECLINED_BY_OWNER.name(),
                ask.getString("status"), caller.id(), clock.instant());
        return apply(ask, AskStatus.DECLINED_BY_OWNER, caller, "declined-by-owner", reason, event, List.of());
    }

    /**
     * BLOCKED → AWAITING_OWNER, by the owner, with a written reason, only when every reason the gate
     * gives now is SOFT. The ask takes its slots in the same write (409 if another ask holds them).
     */
    public Document override(String id, String reason, Caller caller) {
        Document ask = get(id);
        requireCurrentOwner(ask, caller, "override");
        requireTransition(ask, AskStatus.AWAITING_OWNER, "overridden");
        Document view = requireView(ask.getString("advocateId"));
        String dueBy = ask.getString("dueBy");
        Evaluation ev = evaluate(view, ask.getString("activity"), dueBy == null ? null : LocalDate.parse(dueBy), id);
        List<String> hard = EligibilityMapping.hardCodes(ev.decision());
        if (!hard.isEmpty()) {
            throw blocked("Only SOFT reasons can be overridden; this ask is blocked by " + String.join(", ", hard),
                    ev.decision());
        }
        String advocateId = ask.getString("advocateId");
        String slot = ev.decision().has(ReasonCode.WORKLOAD)
                ? advocateId + "#override-" + id // the owner knowingly goes over the workload cap
                : freeSlot(advocateId, policies.current(), id);
        if (slot == null) {
            slot = advocateId + "#override-" + id;
        }
        Instant now = clock.instant();
        List<String> codes = ev.decision().codes();
        OutboxEvent event = AskEvents.of(new Document(ask).append("ownerId", caller.id()), EventTypes.ASK_OVERRIDDEN,
                AskStatus.AWAITING_OWNER.name(), ask.getString("status"), codes, null, null, caller.id(), now);
        return apply(ask, AskStatus.AWAITING_OWNER, caller, "overridden",
                reason + (codes.isEmpty() ? "" : " [overrode " + String.join(", ", codes) + "]"), event, List.of(
                        Updates.set("overriddenCodes", codes),
                        Updates.set("awaitingSince", Date.from(now)),
                        Updates.set("ownerId", caller.id()),
                        Updates.set("workloadSlot", slot),
                        Updates.set("duplicateSlot", duplicateSlot(advocateId, ask.getString("activity"))),
                        Updates.set("eligibility", EligibilityMapping.toDocument(ev.decision(), ev.checkedAt(),
                                ev.asOf()))));
    }

    /** The owner records the advocate's answer. */
    public Document respond(String id, boolean accepted, String note, Caller caller) {
        Document ask = get(id);
        requireCurrentOwner(ask, caller, "record a response to");
        AskStatus next = accepted ? AskStatus.ACCEPTED : AskStatus.DECLINED_BY_ADVOCATE;
        requireTransition(ask, next, accepted ? "accepted" : "declined by the advocate");
        OutboxEvent event = AskEvents.of(ask, accepted ? EventTypes.ASK_ACCEPTED : EventTypes.ASK_DECLINED_BY_ADVOCATE,
                next.name(), ask.getString("status"), null, null, accepted, caller.id(), clock.instant());
        return apply(ask, next, caller, accepted ? "accepted" : "declined-by-advocate", note, event,
                List.of(Updates.set("accepted", accepted)));
    }

    /** The owner records that the activity happened. */
    public Document complete(String id, String note, Caller caller) {
        Document ask = get(id);
        requireCurrentOwner(ask, caller, "complete");
        requireTransition(ask, AskStatus.COMPLETED, "completed");
        OutboxEvent event = AskEvents.simple(ask, EventTypes.ASK_COMPLETED, AskStatus.COMPLETED.name(),
                ask.getString("status"), caller.id(), clock.instant());
        return apply(ask, AskStatus.COMPLETED, caller, "completed", note, event,
                List.of(Updates.set("completedAt", Date.from(event.time()))));
    }

    /** The requester, the advocate's current owner, a programme-manager or an admin may cancel. */
    public Document cancel(String id, String reason, Caller caller) {
        Document ask = get(id);
        Document view = views.find(ask.getString("advocateId"));
        String owner = view == null ? ask.getString("ownerId") : view.getString("ownerId");
        boolean allowed = caller.id().equals(ask.getString("requesterId")) || caller.id().equals(owner)
                || caller.has(Roles.PROGRAMME_MANAGER) || caller.has(Roles.ADMIN);
        if (!allowed) {
            throw ApiException.forbidden("Only the requester, the advocate's owner, a programme-manager or an admin "
                    + "may cancel this ask");
        }
        requireTransition(ask, AskStatus.CANCELLED, "cancelled");
        OutboxEvent event = AskEvents.simple(ask, EventTypes.ASK_CANCELLED, AskStatus.CANCELLED.name(),
                ask.getString("status"), caller.id(), clock.instant());
        return apply(ask, AskStatus.CANCELLED, caller, "cancelled", reason, event, List.of());
    }

    // ---- driven by events and time ---------------------------------------------------------------

    /**
     * The advocate's owner changed: every ask still in the owner's hands (BLOCKED, AWAITING_OWNER,
     * SENT, ACCEPTED) moves to the new owner, one conditional write each, with a reassigned event.
     * Idempotent: an ask already with the new owner is not matched.
     */
    public int reassign(String advocateId, String newOwnerId, String by) {
        if (newOwnerId == null || newOwnerId.isBlank()) {
            return 0;
        }
        int moved = 0;
        for (Document ask : collections.asks().find(Filters.and(Filters.eq("advocateId", advocateId),
                Filters.in("status", AskStatus.OWNED_NAMES), Filters.ne("ownerId", newOwnerId)))
                .projection(new Document("outbox", 0))) {
            Instant now = clock.instant();
            String who = by == null ? "system" : by;
            Document changed = new Document(ask).append("ownerId", newOwnerId);
            OutboxEvent event = AskEvents.simple(changed, EventTypes.ASK_REASSIGNED, ask.getString("status"),
                    ask.getString("status"), who, now);
            UpdateResult r = collections.asks().updateOne(Filters.and(Filters.eq("_id", ask.getString("_id")),
                            Filters.eq("version", ask.get("version"))),
                    Updates.combine(Updates.set("ownerId", newOwnerId), Updates.set("updatedAt", Date.from(now)),
                            Updates.inc("version", 1),
                            Updates.push("history", history(now, who, "reassigned",
                                    "from " + ask.getString("ownerId") + " to " + newOwnerId)),
                            Outbox.push(event)));
            moved += (int) r.getModifiedCount();
        }
        if (moved > 0) {
            relay.nudge();
        }
        return moved;
    }

    /**
     * Moves asks still AWAITING_OWNER after their dueBy, or awaiting the owner for more than {@code maxDays}
     * (counted from routing or override, {@code awaitingSince}), to
     * EXPIRED. Each is a conditional write on status and version, so several instances running this
     * at once expire each ask once.
     */
    public int expire(Instant now, int maxDays) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Bson due = Filters.and(Filters.eq("status", AskStatus.AWAITING_OWNER.name()),
                Filters.or(Filters.lt("dueBy", today.toString()),
                        Filters.lt("awaitingSince", Date.from(now.minus(java.time.Duration.ofDays(maxDays))))));
        int expired = 0;
        for (Document ask : collections.asks().find(due).projection(new Document("outbox", 0))) {
            OutboxEvent event = AskEvents.simple(ask, EventTypes.ASK_EXPIRED, AskStatus.EXPIRED.name(),
                    ask.getString("status"), "system", now);
            String why = ask.getString("dueBy") != null && ask.getString("dueBy").compareTo(today.toString()) < 0
                    ? "past its dueBy " + ask.getString("dueBy") : "awaiting the owner for " + maxDays + " days";
            UpdateResult r = collections.asks().updateOne(Filters.and(Filters.eq("_id", ask.getString("_id")),
                            Filters.eq("status", AskStatus.AWAITING_OWNER.name()), Filters.eq("version", ask.get("version"))),
                    Updates.combine(Updates.set("status", AskStatus.EXPIRED.name()), Updates.set("updatedAt", Date.from(now)),
                            Updates.inc("version", 1), Updates.push("history", history(now, "system", "expired", why)),
                            Updates.unset("workloadSlot"), Updates.unset("duplicateSlot"), Outbox.push(event)));
            expired += (int) r.getModifiedCount();
        }
        if (expired > 0) {
            relay.nudge();
        }
        return expired;
    }
}
