package app.rapport.ask.domain.ask;

import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.Reason;
import app.rapport.ask.domain.eligibility.ReasonCode;
import app.rapport.events.ask.OutcomeResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ask aggregate without Quarkus or Mongo: each transition, its history and its events. */
class AskTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-12-01T11:00:00Z");

    static EligibilityCheck eligible() {
        return new EligibilityCheck(new Decision(true, List.of()), T0, T0);
    }

    static EligibilityCheck blockedBy(ReasonCode... codes) {
        return new EligibilityCheck(new Decision(false, java.util.Arrays.stream(codes)
                .map(c -> Reason.of(c, c + " applies", null, Map.of())).toList()), T0, T0);
    }

    static Ask routed() {
        return Ask.request("ask-1", "adv-1", "acc-1", "u-req", "u-owner", "REFERENCE_CALL", null,
                new Ask.Context("Deal", "A call", null), eligible(), "adv-1#1", T0);
    }

    static Ask blocked(ReasonCode... codes) {
        return Ask.request("ask-2", "adv-1", "acc-1", "u-req", "u-owner", "CASE_STUDY", LocalDate.parse("2026-12-20"),
                new Ask.Context(null, "A case study", null), blockedBy(codes), null, T0);
    }

    /** As if stored and loaded again: no pending history or events. */
    static Ask reload(Ask a) {
        return Ask.restore(new Ask.State(a.id(), a.advocateId(), a.accountId(), a.requesterId(), a.ownerId(),
                a.activity(), a.dueBy(), a.context(), a.status(), a.eligibility(), a.createdAt(), a.updatedAt(),
                a.awaitingSince(), a.sentAt(), a.sentDate(), a.channel(), a.overriddenCodes(), a.accepted(),
                a.completedAt(), a.workloadSlot(), a.duplicateSlot(), a.outcome(), a.version(), a.history()));
    }

    static List<AskEventKind> kinds(Ask a) {
        return a.newEvents().stream().map(AskDomainEvent::kind).toList();
    }

    @Test
    void anEligibleRequestIsRoutedHoldingItsSlots() {
        Ask a = routed();
        assertEquals(AskStatus.AWAITING_OWNER, a.status());
        assertEquals("adv-1#1", a.workloadSlot());
        assertEquals("adv-1#REFERENCE_CALL", a.duplicateSlot());
        assertEquals(T0, a.awaitingSince());
        assertEquals(List.of(AskEventKind.REQUESTED, AskEventKind.ROUTED), kinds(a));
        assertEquals(List.of("requested", "routed"), a.history().stream().map(HistoryEntry::action).toList());
        AskDomainEvent requested = a.newEvents().get(0);
        assertEquals("AWAITING_OWNER", requested.status());
        assertNull(requested.previousStatus());
        assertEquals("u-req", requested.by());
        assertEquals("u-owner", requested.ownerId());
        assertEquals(List.of(), a.newEvents().get(1).reasonCodes());
        assertEquals("system", a.newEvents().get(1).by());
        assertEquals("to owner u-owner", a.history().get(1).note());
        assertTrue(a.isNew());
        assertEquals(1, a.version());
    }

    @Test
    void anIneligibleRequestIsBlockedWithoutSlots() {
        Ask a = blocked(ReasonCode.BUSY, ReasonCode.RECENTLY_ASKED);
        assertEquals(AskStatus.BLOCKED, a.status());
        assertNull(a.workloadSlot());
        assertNull(a.duplicateSlot());
        assertNull(a.awaitingSince());
        assertEquals(List.of(AskEventKind.REQUESTED, AskEventKind.BLOCKED), kinds(a));
        assertEquals(List.of("BUSY", "RECENTLY_ASKED"), a.newEvents().get(1).reasonCodes());
        assertEquals("BUSY, RECENTLY_ASKED", a.history().get(1).note());
    }

    @Test
    void aRoutedAskNeedsASlot() {
        assertThrows(IllegalArgumentException.class, () -> Ask.request("x", "a", null, "r", "o", "REVIEW", null, null,
                eligible(), null, T0));
    }

    @Test
    void overridingASoftReasonRoutesTheAskToTheOverridingOwner() {
        Ask a = reload(blocked(ReasonCode.BUSY));
        a.override("u-owner2", "They asked to be asked", blockedBy(ReasonCode.BUSY), "adv-1#1", T1);
        assertEquals(AskStatus.AWAITING_OWNER, a.status());
        assertEquals(List.of("BUSY"), a.overriddenCodes());
        assertEquals("adv-1#1", a.workloadSlot());
        assertEquals("adv-1#CASE_STUDY", a.duplicateSlot());
        assertEquals("u-owner2", a.ownerId());
        assertEquals(T1, a.awaitingSince());
        assertEquals(List.of(AskEventKind.OVERRIDDEN), kinds(a));
        AskDomainEvent e = a.newEvents().get(0);
        assertEquals("BLOCKED", e.previousStatus());
        assertEquals("AWAITING_OWNER", e.status());
        assertEquals("u-owner2", e.ownerId());
        assertEquals("They asked to be asked [overrode BUSY]", a.newHistory().get(0).note());
        assertEquals(1, a.newHistory().size());
        assertEquals(3, a.history().size());
    }

    @Test
    void overridingTheWorkloadTakesAnOverCapSlot() {
        Ask a = reload(blocked(ReasonCode.WORKLOAD));
        a.override("u-owner", "ok", blockedBy(ReasonCode.WORKLOAD), null, T1);
        assertEquals("adv-1#override-ask-2", a.workloadSlot());
        Ask b = reload(blocked(ReasonCode.BUSY));
        b.override("u-owner", "ok", blockedBy(ReasonCode.BUSY), null, T1);
        assertEquals("adv-1#override-ask-2", b.workloadSlot(), "no free slot: over the cap knowingly");
    }

    @Test
    void aHardReasonCannotBeOverridden() {
        Ask a = reload(blocked(ReasonCode.ON_LEAVE));
        AskBlockedException e = assertThrows(AskBlockedException.class, () ->
                a.override("u-owner", "please", blockedBy(ReasonCode.ON_LEAVE, ReasonCode.BUSY), "adv-1#1", T1));
        assertTrue(e.getMessage().contains("ON_LEAVE"));
        assertEquals(AskStatus.BLOCKED, a.status());
        assertTrue(a.newEvents().isEmpty());
    }

    @Test
    void sendRecordsTheUseAndRefusesReasonsNotOverridden() {
        Ask a = reload(routed());
        AskBlockedException e = assertThrows(AskBlockedException.class, () ->
                a.send("u-owner", "VIDEO", null, blockedBy(ReasonCode.ACCOUNT_BUDGET), T1));
        assertEquals(List.of("ACCOUNT_BUDGET"), e.decision().codes());
        assertEquals(AskStatus.AWAITING_OWNER, a.status());
        a.send("u-owner", "VIDEO", "at lunch", eligible(), T1);
        assertEquals(AskStatus.SENT, a.status());
        assertEquals(LocalDate.parse("2026-12-01"), a.sentDate());
        assertEquals(T1, a.sentAt());
        assertEquals("VIDEO", a.channel());
        assertTrue(a.wasSent());
        assertEquals("adv-1#1", a.workloadSlot(), "a sent ask is still open");
        AskDomainEvent sent = a.newEvents().get(0);
        assertEquals(AskEventKind.SENT, sent.kind());
        assertEquals("VIDEO", sent.channel());
        assertEquals("AWAITING_OWNER", sent.previousStatus());
        assertEquals("at lunch", a.newHistory().get(0).note());
    }

    @Test
    void aSoftReasonOverriddenEarlierDoesNotStopTheSend() {
        Ask a = reload(blocked(ReasonCode.BUSY));
        a.override("u-owner", "ok", blockedBy(ReasonCode.BUSY), "adv-1#1", T1);
        Ask b = reload(a);
        b.send("u-owner", "PHONE", null, blockedBy(ReasonCode.BUSY), T1);
        assertEquals(AskStatus.SENT, b.status());
        Ask c = reload(a);
        assertThrows(AskBlockedException.class, () -> c.send("u-owner", "PHONE", null,
                blockedBy(ReasonCode.BUSY, ReasonCode.ON_LEAVE), T1));
    }

    @Test
    void theWholeHappyPathAndItsHistory() {
        Ask a = reload(routed());
        a.send("u-owner", "VIDEO", null, eligible(), T1);
        a = reload(a);
        a.respond("u-owner", true, null, T1);
        assertEquals(AskStatus.ACCEPTED, a.status());
        assertEquals(Boolean.TRUE, a.newEvents().get(0).accepted());
        a = reload(a);
        a.complete("u-owner", "went well", T1);
        assertEquals(AskStatus.COMPLETED, a.status());
        assertEquals(T1, a.completedAt());
        assertNull(a.workloadSlot(), "closing frees the slots");
        assertNull(a.duplicateSlot());
        assertEquals(List.of("requested", "routed", "sent", "accepted", "completed"),
                a.history().stream().map(HistoryEntry::action).toList());
    }

    @Test
    void declineRespondCancelAndExpireCloseTheAsk() {
        Ask d = reload(routed());
        d.decline("u-owner", "bad timing", T1);
        assertEquals(AskStatus.DECLINED_BY_OWNER, d.status());
        assertEquals(AskEventKind.DECLINED_BY_OWNER, d.newEvents().get(0).kind());
        assertEquals("declined-by-owner", d.newHistory().get(0).action());
        assertNull(d.workloadSlot());

        Ask r = reload(routed());
        r.send("u-owner", "VIDEO", null, eligible(), T1);
        r = reload(r);
        r.respond("u-owner", false, "no thanks", T1);
        assertEquals(AskStatus.DECLINED_BY_ADVOCATE, r.status());
        assertEquals(Boolean.FALSE, r.newEvents().get(0).accepted());

        Ask c = reload(blocked(ReasonCode.BUSY));
        c.cancel("u-req", "deal lost", T1);
        assertEquals(AskStatus.CANCELLED, c.status());

        Ask e = reload(routed());
        assertNull(e.expiryReason(T1, 14));
        assertEquals("awaiting the owner for 14 days", e.expiryReason(T0.plus(java.time.Duration.ofDays(15)), 14));
        e.expire("awaiting the owner for 14 days", T1);
        assertEquals(AskStatus.EXPIRED, e.status());
        assertEquals("system", e.newEvents().get(0).by());
        Ask due = reload(blocked(ReasonCode.BUSY));
        due.override("u-owner", "ok", blockedBy(ReasonCode.BUSY), "adv-1#1", T1);
        assertEquals("past its dueBy 2026-12-20", reload(due).expiryReason(Instant.parse("2026-12-21T00:00:00Z"), 14));
    }

    @Test
    void movesTheStateMachineDoesNotAllowAreRefusedAndChangeNothing() {
        Ask a = reload(routed());
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> a.complete("u-owner", null, T1));
        assertEquals(AskStatus.AWAITING_OWNER, e.current());
        assertEquals("The ask is AWAITING_OWNER; it cannot be completed (only ACCEPTED asks can)", e.getMessage());
        assertThrows(IllegalTransitionException.class, () -> a.respond("u-owner", true, null, T1));
        assertThrows(IllegalTransitionException.class, () -> a.override("u-owner", "x", eligible(), "s", T1));
        assertTrue(a.newEvents().isEmpty());
        assertTrue(a.newHistory().isEmpty());
        a.decline("u-owner", "no", T1);
        Ask closed = reload(a);
        assertThrows(IllegalTransitionException.class, () -> closed.send("u-owner", "VIDEO", null, eligible(), T1));
        assertThrows(IllegalTransitionException.class, () -> closed.cancel("u-req", null, T1));
        assertThrows(IllegalTransitionException.class, () -> closed.expire("late", T1));
    }

    @Test
    void reassignFollowsTheNewOwnerOnceAndOnlyWhileTheOwnerHoldsTheAsk() {
        Ask a = reload(routed());
        assertTrue(a.reassign("u-new", "u-pm", T1));
        assertEquals("u-new", a.ownerId());
        AskDomainEvent e = a.newEvents().get(0);
        assertEquals(AskEventKind.REASSIGNED, e.kind());
        assertEquals("AWAITING_OWNER", e.status());
        assertEquals("AWAITING_OWNER", e.previousStatus());
        assertEquals("u-new", e.ownerId());
        assertEquals("from u-owner to u-new", a.newHistory().get(0).note());
        Ask again = reload(a);
        assertFalse(again.reassign("u-new", "u-pm", T1), "already theirs");
        Ask done = reload(routed());
        done.decline("u-owner", "no", T1);
        assertFalse(reload(done).reassign("u-new", null, T1), "a closed ask stays with its owner");
    }

    @Test
    void theVersionCountsWrites() {
        Ask a = reload(routed());
        assertEquals(1, a.loadedVersion());
        assertEquals(1, a.version());
        a.decline("u-owner", "no", T1);
        assertEquals(2, a.version());
        assertEquals(AskStatus.AWAITING_OWNER, a.loadedStatus());
    }
    // ---- the outcome ---------------------------------------------------------------------------

    static Ask completed() {
        Ask a = routed();
        a.send("u-owner", "VIDEO", null, eligible(), T0);
        a.respond("u-owner", true, null, T0);
        a.complete("u-owner", null, T0);
        return reload(a);
    }

    static Outcome won(String amount, String by, Instant at) {
        return new Outcome(OutcomeResult.WON, amount == null ? null : new BigDecimal(amount), amount == null ? null
                : "USD", LocalDate.parse("2026-11-30"), "Dana's call tipped it", by, at);
    }

    @Test
    void anOutcomeIsRecordedOnlyForACompletedAsk() {
        Ask sent = routed();
        sent.send("u-owner", "VIDEO", null, eligible(), T0);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> sent.recordOutcome(won("50000", "u-req", T1)));
        assertEquals(AskStatus.SENT, e.current());
        assertTrue(e.getMessage().contains("only for a COMPLETED ask"), e.getMessage());
        assertNull(sent.outcome());
    }

    @Test
    void aFirstOutcomeIsAuditedAndRaisedWithoutAPreviousResult() {
        Ask a = completed();
        assertTrue(a.recordOutcome(won("50000.00", "u-req", T1)));
        assertEquals(OutcomeResult.WON, a.outcome().result());
        assertTrue(a.outcomeChanged());
        assertEquals(AskStatus.COMPLETED, a.status());
        HistoryEntry h = a.newHistory().get(0);
        assertEquals("outcome-recorded", h.action());
        assertEquals("u-req", h.by());
        assertEquals("WON, 50000.00 USD, closed on 2026-11-30", h.note());
        assertFalse(h.note().contains("Dana"), "the story is not in the audit line");
        AskDomainEvent e = a.newEvents().get(0);
        assertEquals(AskEventKind.OUTCOME_RECORDED, e.kind());
        assertNull(e.previousResult());
        assertEquals(T1, e.at());
        assertEquals(a.loadedVersion() + 1, a.version());
    }

    @Test
    void aCorrectionNamesWhatChangedAndTheResultItCorrects() {
        Ask a = completed();
        a.recordOutcome(won("50000", "u-req", T1));
        Ask b = reload(a);
        Outcome lost = new Outcome(OutcomeResult.LOST, null, null, LocalDate.parse("2026-12-01"), null, "u-pm", T1);
        assertTrue(b.recordOutcome(lost));
        HistoryEntry h = b.newHistory().get(0);
        assertEquals("outcome-corrected", h.action());
        assertEquals("u-pm", h.by());
        assertEquals("result WON → LOST; amount 50000 USD → none; closed on 2026-11-30 → 2026-12-01; story removed",
                h.note());
        assertEquals(OutcomeResult.WON, b.newEvents().get(0).previousResult());
        assertEquals(OutcomeResult.LOST, b.newEvents().get(0).outcome().result());
    }

    @Test
    void theSameOutcomeAgainChangesNothing() {
        Ask a = completed();
        a.recordOutcome(won("50000", "u-req", T0));
        Ask b = reload(a);
        // the same figures, written another way and by someone else, later: nothing to record
        assertFalse(b.recordOutcome(won("50000.00", "u-owner", T1)));
        assertFalse(b.outcomeChanged());
        assertEquals(List.of(), b.newEvents());
        assertEquals(List.of(), b.newHistory());
        assertEquals("u-req", b.outcome().recordedBy());
    }

    @Test
    void anAmountNeedsItsCurrency() {
        assertThrows(IllegalArgumentException.class, () -> new Outcome(OutcomeResult.WON, BigDecimal.TEN, null,
                LocalDate.parse("2026-11-30"), null, "u-req", T0));
        assertThrows(IllegalArgumentException.class, () -> new Outcome(OutcomeResult.WON, null, "USD",
                LocalDate.parse("2026-11-30"), null, "u-req", T0));
    }
}
