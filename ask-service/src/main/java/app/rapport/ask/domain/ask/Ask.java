package app.rapport.ask.domain.ask;

import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.Reason;
import app.rapport.ask.domain.eligibility.ReasonCode;
import app.rapport.ask.domain.eligibility.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ask aggregate: its state, and the transitions of the state machine (docs/api-asks.md). Each
 * transition checks the move against {@link AskStatus#canMoveTo} (else {@link IllegalTransitionException}),
 * changes the state, and records the history entries and domain events it causes
 * ({@link #newHistory()}, {@link #newEvents()}). Nothing here knows about storage or messaging: the
 * service loads an ask, calls one transition, and writes the new state, the new history and the
 * events in one conditional single-document write (checked against {@link #loadedVersion()}).
 *
 * <p>Slots: an open ask holds {@code workloadSlot} and {@code duplicateSlot}; a move out of the open
 * states (other than to BLOCKED, which never holds them) releases both.
 */
public final class Ask {
    public record Context(String opportunity, String need, String notes) {
    }

    private final String id;
    private final String advocateId;
    private final String accountId;
    private final String requesterId;
    private final String activity;
    private final LocalDate dueBy;
    private final Context context;
    private final Instant createdAt;
    private String ownerId;
    private AskStatus status;
    private EligibilityCheck eligibility;
    private boolean eligibilityChanged;
    private Instant updatedAt;
    private Instant awaitingSince;
    private Instant sentAt;
    private LocalDate sentDate;
    private String channel;
    private List<String> overriddenCodes;
    private Boolean accepted;
    private Instant completedAt;
    private String workloadSlot;
    private String duplicateSlot;
    private Outcome outcome;
    private boolean outcomeChanged;
    private final long loadedVersion;
    private final AskStatus loadedStatus;
    private final List<HistoryEntry> history;
    private final List<HistoryEntry> newHistory = new ArrayList<>();
    private final List<AskDomainEvent> newEvents = new ArrayList<>();

    /** The full state, as stored; used by the repository to rebuild an ask. */
    public record State(String id, String advocateId, String accountId, String requesterId, String ownerId,
            String activity, LocalDate dueBy, Context context, AskStatus status, EligibilityCheck eligibility,
            Instant createdAt, Instant updatedAt, Instant awaitingSince, Instant sentAt, LocalDate sentDate,
            String channel, List<String> overriddenCodes, Boolean accepted, Instant completedAt, String workloadSlot,
            String duplicateSlot, Outcome outcome, long version, List<HistoryEntry> history) {
    }

    private Ask(State s, boolean isNew) {
        this.id = Objects.requireNonNull(s.id());
        this.advocateId = s.advocateId();
        this.accountId = s.accountId();
        this.requesterId = s.requesterId();
        this.ownerId = s.ownerId();
        this.activity = s.activity();
        this.dueBy = s.dueBy();
        this.context = s.context();
        this.status = s.status();
        this.eligibility = s.eligibility();
        this.createdAt = s.createdAt();
        this.updatedAt = s.updatedAt();
        this.awaitingSince = s.awaitingSince();
        this.sentAt = s.sentAt();
        this.sentDate = s.sentDate();
        this.channel = s.channel();
        this.overriddenCodes = s.overriddenCodes() == null ? null : List.copyOf(s.overriddenCodes());
        this.accepted = s.accepted();
        this.completedAt = s.completedAt();
        this.workloadSlot = s.workloadSlot();
        this.duplicateSlot = s.duplicateSlot();
        this.outcome = s.outcome();
        this.loadedVersion = isNew ? 0 : s.version();
        this.loadedStatus = isNew ? null : s.status();
        this.history = new ArrayList<>(s.history() == null ? List.of() : s.history());
    }

    /** An ask as stored. */
    public static Ask restore(State state) {
        return new Ask(state, false);
    }

    /** The duplicate slot of an open ask: one per advocate and activity. */
    public static String duplicateSlot(String advocateId, String activity) {
        return advocateId + "#" + activity;
    }

    /** The workload slot an overridden ask takes when the owner knowingly goes over the cap. */
    public static String overrideSlot(String advocateId, String askId) {
        return advocateId + "#override-" + askId;
    }

    /**
     * A new ask, decided at once: routed to the owner (AWAITING_OWNER, holding {@code workloadSlot}) when
     * the check is eligible, else BLOCKED. Raises requested, then routed or blocked.
     *
     * @param workloadSlot the free workload slot for a routed ask; ignored for a blocked one
     */
    public static Ask request(String id, String advocateId, String accountId, String requesterId, String ownerId,
            String activity, LocalDate dueBy, Context context, EligibilityCheck check, String workloadSlot,
            Instant now) {
        boolean routed = check.decision().eligible();
        if (routed && workloadSlot == null) {
            throw new IllegalArgumentException("a routed ask needs a workload slot");
        }
        AskStatus status = routed ? AskStatus.AWAITING_OWNER : AskStatus.BLOCKED;
        Ask a = new Ask(new State(id, advocateId, accountId, requesterId, ownerId, activity, dueBy, context, status,
                check, now, now, routed ? now : null, null, null, null, null, null, null,
                routed ? workloadSlot : null, routed ? duplicateSlot(advocateId, activity) : null, null, 1, List.of()), true);
        a.eligibilityChanged = true;
        List<String> codes = check.decision().codes();
        a.record(now, requesterId, "requested", null);
        a.raise(AskEventKind.REQUESTED, null, codes, null, null, requesterId, now);
        if (routed) {
            a.record(now, "system", "routed", "to owner " + ownerId);
            a.raise(AskEventKind.ROUTED, null, List.of(), null, null, "system", now);
        } else {
            a.record(now, "system", "blocked", String.join(", ", codes));
            a.raise(AskEventKind.BLOCKED, null, codes, null, null, "system", now);
        }
        return a;
    }

    // ---- transitions ---------------------------------------------------------------------------

    /**
     * BLOCKED → AWAITING_OWNER by the owner, with a written reason, only when every reason the gate gives
     * now is SOFT. The codes overridden are kept; the ask takes its slots (an over-cap slot when
     * WORKLOAD itself was overridden or no slot is free).
     *
     * @param freeSlot the lowest free workload slot, or null when none is free
     */
    public void override(String by, String reason, EligibilityCheck check, String freeSlot, Instant now) {
        require(AskStatus.AWAITING_OWNER, "overridden");
        List<String> hard = check.decision().reasons().stream().filter(r -> r.severity() == Severity.HARD)
                .map(Reason::code).toList();
        if (!hard.isEmpty()) {
            throw new AskBlockedException("Only SOFT reasons can be overridden; this ask is blocked by "
                    + String.join(", ", hard), check.decision());
        }
        List<String> codes = check.decision().codes();
        String previous = status.name();
        status = AskStatus.AWAITING_OWNER;
        ownerId = by;
        overriddenCodes = codes;
        awaitingSince = now;
        workloadSlot = check.decision().has(ReasonCode.WORKLOAD) || freeSlot == null ? overrideSlot(advocateId, id)
                : freeSlot;
        duplicateSlot = duplicateSlot(advocateId, activity);
        setEligibility(check);
        touch(now);
        record(now, by, "overridden", reason + (codes.isEmpty() ? "" : " [overrode " + String.join(", ", codes) + "]"));
        raise(AskEventKind.OVERRIDDEN, previous, codes, null, null, by, now);
    }

    /**
     * AWAITING_OWNER → SENT: the owner made the ask personally. The gate's check (run again by the
     * service) must give no HARD reason and no SOFT reason the owner did not override.
     */
    public void send(String by, String channel, String note, EligibilityCheck check, Instant now) {
        require(AskStatus.SENT, "sent");
        List<String> overridden = overriddenCodes == null ? List.of() : overriddenCodes;
        List<Reason> still = check.decision().reasons().stream()
                .filter(r -> r.severity() == Severity.HARD || !overridden.contains(r.code())).toList();
        if (!still.isEmpty()) {
            throw new AskBlockedException("The ask has become blocked since it was routed: "
                    + String.join(", ", still.stream().map(Reason::code).toList()) + "; it was not sent",
                    new Decision(false, still));
        }
        String previous = status.name();
        status = AskStatus.SENT;
        ownerId = by;
        sentAt = now;
        sentDate = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.channel = channel;
        setEligibility(check);
        touch(now);
        record(now, by, "sent", note);
        raise(AskEventKind.SENT, previous, null, channel, null, by, now);
    }

    /** AWAITING_OWNER → DECLINED_BY_OWNER: the owner decided not to ask. */
    public void decline(String by, String reason, Instant now) {
        simple(AskStatus.DECLINED_BY_OWNER, "declined", AskEventKind.DECLINED_BY_OWNER, by, "declined-by-owner",
                reason, now);
    }

    /** SENT → ACCEPTED or DECLINED_BY_ADVOCATE: the owner records the advocate's answer. */
    public void respond(String by, boolean accepted, String note, Instant now) {
        AskStatus next = accepted ? AskStatus.ACCEPTED : AskStatus.DECLINED_BY_ADVOCATE;
        require(next, accepted ? "accepted" : "declined by the advocate");
        String previous = status.name();
        move(next);
        this.accepted = accepted;
        touch(now);
        record(now, by, accepted ? "accepted" : "declined-by-advocate", note);
        raise(accepted ? AskEventKind.ACCEPTED : AskEventKind.DECLINED_BY_ADVOCATE, previous, null, null, accepted, by,
                now);
    }

    /** ACCEPTED → COMPLETED: the activity happened. */
    public void complete(String by, String note, Instant now) {
        simple(AskStatus.COMPLETED, "completed", AskEventKind.COMPLETED, by, "completed", note, now);
        completedAt = now;
    }

    /** Any open or blocked ask → CANCELLED. Who may cancel is the service's business. */
    public void cancel(String by, String reason, Instant now) {
        simple(AskStatus.CANCELLED, "cancelled", AskEventKind.CANCELLED, by, "cancelled", reason, now);
    }

    /** AWAITING_OWNER → EXPIRED, by the system, saying why. */
    public void expire(String why, Instant now) {
        simple(AskStatus.EXPIRED, "expired", AskEventKind.EXPIRED, "system", "expired", why, now);
    }

    /** Whether the ask is left awaiting its owner past its dueBy or for longer than {@code maxDays}. */
    public String expiryReason(Instant now, int maxDays) {
        if (status != AskStatus.AWAITING_OWNER) {
            return null;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (dueBy != null && dueBy.isBefore(today)) {
            return "past its dueBy " + dueBy;
        }
        if (awaitingSince != null && awaitingSince.isBefore(now.minus(java.time.Duration.ofDays(maxDays)))) {
            return "awaiting the owner for " + maxDays + " days";
        }
        return null;
    }

    /**
     * The advocate's owner changed: an ask still in the owner's hands follows the new owner, status
     * unchanged. Returns false (nothing recorded) when it is not in the owner's hands or already theirs.
     */
    public boolean reassign(String newOwnerId, String by, Instant now) {
        if (newOwnerId == null || newOwnerId.isBlank() || newOwnerId.equals(ownerId)
                || !AskStatus.OWNED_NAMES.contains(status.name())) {
            return false;
        }
        String who = by == null ? "system" : by;
        String old = ownerId;
        ownerId = newOwnerId;
        touch(now);
        record(now, who, "reassigned", "from " + old + " to " + newOwnerId);
        raise(AskEventKind.REASSIGNED, status.name(), null, null, null, who, now);
        return true;
    }

    /**
     * Records, or corrects, how the opportunity this COMPLETED ask served ended. A first outcome is
     * audited as "outcome-recorded", a correction as "outcome-corrected" naming what changed (never the
     * story's words); each raises outcome-recorded (with the result it corrects). Recording what is
     * already recorded changes nothing, so a repeated request is harmless.
     *
     * @return false when the outcome was already exactly this (nothing recorded, nothing raised)
     * @throws IllegalTransitionException unless the ask is COMPLETED
     */
    public boolean recordOutcome(Outcome next) {
        if (status != AskStatus.COMPLETED) {
            throw new IllegalTransitionException(status, "The ask is " + status + "; an outcome can be recorded "
                    + "only for a COMPLETED ask");
        }
        if (next.sameAs(outcome)) {
            return false;
        }
        Outcome before = outcome;
        outcome = next;
        outcomeChanged = true;
        touch(next.recordedAt());
        if (before == null) {
            record(next.recordedAt(), next.recordedBy(), "outcome-recorded", next.describe());
        } else {
            record(next.recordedAt(), next.recordedBy(), "outcome-corrected", next.changesFrom(before));
        }
        newEvents.add(new AskDomainEvent(AskEventKind.OUTCOME_RECORDED, id, advocateId, accountId, requesterId,
                ownerId, activity, dueBy, status.name(), status.name(), null, null, null, next.recordedBy(),
                next.recordedAt(), next, before == null ? null : before.result()));
        return true;
    }

    // ---- internals -----------------------------------------------------------------------------

    /** Throws {@link IllegalTransitionException} unless the state machine allows moving to {@code next}. */
    public void require(AskStatus next, String verb) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(status, next, verb);
        }
    }

    private void simple(AskStatus next, String verb, AskEventKind kind, String by, String action, String note,
            Instant now) {
        require(next, verb);
        String previous = status.name();
        move(next);
        touch(now);
        record(now, by, action, note);
        raise(kind, previous, null, null, null, by, now);
    }

    private void move(AskStatus next) {
        status = next;
        if (!next.isOpen() && next != AskStatus.BLOCKED) {
            workloadSlot = null;
            duplicateSlot = null;
        }
    }

    private void setEligibility(EligibilityCheck check) {
        eligibility = check;
        eligibilityChanged = true;
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    private void record(Instant at, String by, String action, String note) {
        HistoryEntry h = new HistoryEntry(at, by, action, note);
        history.add(h);
        newHistory.add(h);
    }

    private void raise(AskEventKind kind, String previousStatus, List<String> codes, String channel, Boolean accepted,
            String by, Instant at) {
        newEvents.add(new AskDomainEvent(kind, id, advocateId, accountId, requesterId, ownerId, activity, dueBy,
                status.name(), previousStatus, codes, channel, accepted, by, at, null, null));
    }

    // ---- reading -------------------------------------------------------------------------------

    public String id() {
        return id;
    }

    public String advocateId() {
        return advocateId;
    }

    public String accountId() {
        return accountId;
    }

    public String requesterId() {
        return requesterId;
    }

    public String ownerId() {
        return ownerId;
    }

    public String activity() {
        return activity;
    }

    public LocalDate dueBy() {
        return dueBy;
    }

    public Context context() {
        return context;
    }

    public AskStatus status() {
        return status;
    }

    public EligibilityCheck eligibility() {
        return eligibility;
    }

    /** Whether a transition recorded a new eligibility check (the write sets it only then). */
    public boolean eligibilityChanged() {
        return eligibilityChanged;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant awaitingSince() {
        return awaitingSince;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public LocalDate sentDate() {
        return sentDate;
    }

    public String channel() {
        return channel;
    }

    public List<String> overriddenCodes() {
        return overriddenCodes;
    }

    public Boolean accepted() {
        return accepted;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public String workloadSlot() {
        return workloadSlot;
    }

    public String duplicateSlot() {
        return duplicateSlot;
    }

    /** The recorded outcome of the opportunity, or null. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether {@link #recordOutcome} changed the outcome (the write sets it only then). */
    public boolean outcomeChanged() {
        return outcomeChanged;
    }

    /** The version the ask had when loaded (0 for a new ask); the write is conditional on it. */
    public long loadedVersion() {
        return loadedVersion;
    }

    /** The status the ask had when loaded (null for a new ask). */
    public AskStatus loadedStatus() {
        return loadedStatus;
    }

    /** The version after the pending changes: one more per write. */
    public long version() {
        return loadedVersion == 0 ? 1 : loadedVersion + (newEvents.isEmpty() ? 0 : 1);
    }

    public boolean isNew() {
        return loadedStatus == null;
    }

    public List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    /** History entries recorded since the ask was loaded or created. */
    public List<HistoryEntry> newHistory() {
        return List.copyOf(newHistory);
    }

    /** Domain events raised since the ask was loaded or created, in order. */
    public List<AskDomainEvent> newEvents() {
        return List.copyOf(newEvents);
    }

    /** Whether the ask counts as a use: it reached SENT (on its sent date). */
    public boolean wasSent() {
        return sentDate != null;
    }
}
