package app.rapport.touchpoint.domain;

import app.rapport.events.vocabulary.TouchpointType;

import app.rapport.touchpoint.domain.RelationshipHealth.Health;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relationship rules at their boundaries, as a pure function of (touchpoints, today). */
class RelationshipHealthTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    int seq;

    Instant at(int daysAgo, int hour) {
        return TODAY.minusDays(daysAgo).atTime(LocalTime.of(hour, 0)).toInstant(ZoneOffset.UTC);
    }

    Touchpoint tp(TouchpointType type, int daysAgo) {
        return tp(type, daysAgo, 12, null);
    }

    Touchpoint tp(TouchpointType type, int daysAgo, int hour, String askId) {
        return Touchpoint.of("tp-" + (++seq), type, at(daysAgo, hour), askId);
    }

    Touchpoint outcome(int daysAgo, int hour, String askId, String result) {
        return Touchpoint.of("tp-" + (++seq), TouchpointType.OUTCOME, at(daysAgo, hour), askId, "REFERENCE_CALL",
                result);
    }

    /** A completed ask, thanked that day: all that is left to do is to share its outcome. */
    List<Touchpoint> completedAndThanked(String askId) {
        return new ArrayList<>(List.of(tp(TouchpointType.ACTIVITY, 20, 12, askId),
                tp(TouchpointType.THANK_YOU, 20, 13, askId)));
    }

    @Test
    void noTouchpointsAtAllNeedsAttention() {
        Health h = RelationshipHealth.evaluate(List.of(), TODAY);
        assertNull(h.lastHumanTouchAt());
        assertNull(h.daysSinceHumanTouch());
        assertEquals(0, h.asksLast90d());
        assertEquals(0, h.givesLast90d());
        assertTrue(h.needsAttention());
        assertEquals(List.of("No human contact recorded yet"), h.why());
    }

    @Test
    void aNoteIsNotHumanContact() {
        Health h = RelationshipHealth.evaluate(List.of(tp(TouchpointType.NOTE, 1)), TODAY);
        assertNull(h.lastHumanTouchAt());
        assertTrue(h.needsAttention());
    }

    @Test
    void anOutcomeIsNotHumanContactNorAGiveNorAnAsk() {
        Health h = RelationshipHealth.evaluate(List.of(outcome(1, 12, "ask-1", "WON")), TODAY);
        assertNull(h.lastHumanTouchAt());
        assertEquals(0, h.asksLast90d());
        assertEquals(0, h.givesLast90d());
        assertFalse(TouchpointType.OUTCOME.manual());
    }

    @Test
    void everyOtherTypeIsHumanContact() {
        for (TouchpointType type : TouchpointType.values()) {
            if (type == TouchpointType.NOTE || type == TouchpointType.OUTCOME) {
                continue;
            }
            Health h = RelationshipHealth.evaluate(List.of(tp(type, 3)), TODAY);
            assertEquals(3L, h.daysSinceHumanTouch(), type.name());
        }
    }

    @Test
    void theNinetyDayWindowIncludesExactlyNinetyDaysAgoAndNotNinetyOne() {
        List<Touchpoint> tps = List.of(
                tp(TouchpointType.ASK_SENT, 90, 0, "a"), // first minute of the boundary day: in
                tp(TouchpointType.ASK_SENT, 91, 23, "b"), // last hour of the day before: out
                tp(TouchpointType.THANK_YOU, 90), tp(TouchpointType.CHECK_IN, 90), tp(TouchpointType.GIFT, 90),
                tp(TouchpointType.THANK_YOU, 91), tp(TouchpointType.CHECK_IN, 91), tp(TouchpointType.GIFT, 91),
                tp(TouchpointType.MEETING, 10), tp(TouchpointType.CALL, 10), tp(TouchpointType.EMAIL, 10));
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(1, h.asksLast90d());
        assertEquals(3, h.givesLast90d(), "meetings, calls and emails are not gives");
    }

    @Test
    void sixtyDaysWithoutContactIsFineAndSixtyOneNeedsAttention() {
        Health sixty = RelationshipHealth.evaluate(List.of(tp(TouchpointType.CALL, 60)), TODAY);
        assertEquals(60L, sixty.daysSinceHumanTouch());
        assertFalse(sixty.needsAttention());
        assertEquals(List.of(), sixty.why());

        Health sixtyOne = RelationshipHealth.evaluate(List.of(tp(TouchpointType.CALL, 61),
                tp(TouchpointType.NOTE, 1)), TODAY);
        assertEquals(61L, sixtyOne.daysSinceHumanTouch());
        assertTrue(sixtyOne.needsAttention());
        assertEquals(List.of("No human contact for 61 days (last on 2026-09-24)"), sixtyOne.why());
    }

    @Test
    void aThankYouOnTheSameDayAsTheCompletionCountsEvenEarlierThatDay() {
        Health h = RelationshipHealth.evaluate(List.of(
                tp(TouchpointType.ACTIVITY, 10, 15, "ask-1"),
                tp(TouchpointType.THANK_YOU, 10, 9, null)), TODAY);
        assertEquals(List.of(), h.pendingThankYous());
        assertFalse(h.needsAttention());
    }

    @Test
    void aThankYouTheDayBeforeTheCompletionDoesNotCount() {
        Health h = RelationshipHealth.evaluate(List.of(
                tp(TouchpointType.ACTIVITY, 10, 0, "ask-1"),
                tp(TouchpointType.THANK_YOU, 11, 23, null),
                tp(TouchpointType.CALL, 2)), TODAY);
        assertEquals(List.of("ask-1"), h.pendingAskIds());
        assertEquals(10, h.pendingThankYous().get(0).daysOwed());
        assertTrue(h.needsAttention());
        assertEquals(List.of("Thank-you owed for 10 days for ask ask-1 (completed on 2026-11-14)"), h.why());
    }

    @Test
    void aThankYouOwedForSevenDaysIsPendingButNotYetAttentionEightIs() {
        Health seven = RelationshipHealth.evaluate(List.of(tp(TouchpointType.ACTIVITY, 7, 12, "ask-7")), TODAY);
        assertEquals(List.of("ask-7"), seven.pendingAskIds());
        assertFalse(seven.needsAttention());

        Health eight = RelationshipHealth.evaluate(List.of(tp(TouchpointType.ACTIVITY, 8, 12, "ask-8")), TODAY);
        assertEquals(List.of("ask-8"), eight.pendingAskIds());
        assertTrue(eight.needsAttention());
        assertEquals(8, eight.longestOverdueThankYouDays());
    }

    @Test
    void aThankYouNamingAnotherAskDoesNotSettleThisOne() {
        Health h = RelationshipHealth.evaluate(List.of(
                tp(TouchpointType.ACTIVITY, 20, 12, "ask-a"),
                tp(TouchpointType.ACTIVITY, 19, 12, "ask-b"),
                tp(TouchpointType.THANK_YOU, 5, 12, "ask-b")), TODAY);
        assertEquals(List.of("ask-a"), h.pendingAskIds());
    }

    @Test
    void anActivityWithoutAskIdOwesNoThankYouAndPendingAreOldestFirst() {
        Health h = RelationshipHealth.evaluate(List.of(
                tp(TouchpointType.ACTIVITY, 3, 12, null),
                tp(TouchpointType.ACTIVITY, 2, 12, "later"),
                tp(TouchpointType.ACTIVITY, 4, 12, "earlier")), TODAY);
        assertEquals(List.of("earlier", "later"), h.pendingAskIds());
    }

    @Test
    void lastHumanTouchIsTheLatestAndAFutureOneWithinSkewCountsAsToday() {
        Instant soon = TODAY.atTime(23, 59).toInstant(ZoneOffset.UTC);
        Health h = RelationshipHealth.evaluate(List.of(tp(TouchpointType.CALL, 30),
                Touchpoint.of("x", TouchpointType.EMAIL, soon.plusSeconds(120), null)), TODAY);
        assertEquals(soon.plusSeconds(120), h.lastHumanTouchAt());
        assertEquals(0L, h.daysSinceHumanTouch());
    }

    @Test
    void urgencyPutsTheLongestOwedThankYouFirstThenTheLongestSilenceWithNeverFirst() {
        record A(String id, Health h) {
        }
        List<A> list = new ArrayList<>(List.of(
                new A("silent-70", RelationshipHealth.evaluate(List.of(tp(TouchpointType.CALL, 70)), TODAY)),
                new A("owed-10", RelationshipHealth.evaluate(List.of(tp(TouchpointType.ACTIVITY, 10, 12, "x")), TODAY)),
                new A("never", RelationshipHealth.evaluate(List.of(), TODAY)),
                new A("owed-20", RelationshipHealth.evaluate(List.of(tp(TouchpointType.ACTIVITY, 20, 12, "y")), TODAY)),
                new A("silent-100", RelationshipHealth.evaluate(List.of(tp(TouchpointType.CALL, 100)), TODAY))));
        list.sort(RelationshipHealth.urgency(A::h, A::id));
        assertEquals(List.of("owed-20", "owed-10", "never", "silent-100", "silent-70"),
                list.stream().map(A::id).toList());
    }

    @Test
    void anOutcomeNoOneSharedYetNeedsAttentionFromItsFirstDay() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        tps.add(outcome(0, 9, "ask-7", "WON"));
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(List.of("ask-7"), h.outcomeAskIds());
        assertEquals(List.of(), h.pendingThankYous());
        assertTrue(h.needsAttention());
        assertEquals(List.of(AttentionReason.OUTCOME_TO_SHARE), h.reasons());
        assertEquals(List.of("Outcome to share: ask ask-7 (REFERENCE_CALL) was recorded as WON on 2026-11-24; "
                + "tell them it helped"), h.why());
        assertEquals(0, h.longestWaitingOutcomeDays());
    }

    @Test
    void aLostOutcomeIsSharedTooWithOtherWords() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        tps.add(outcome(3, 9, "ask-7", "LOST"));
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(List.of("Outcome to share: ask ask-7 (REFERENCE_CALL) was recorded as LOST on 2026-11-21; "
                + "tell them how it ended"), h.why());
        assertEquals(3, h.outcomesToShare().get(0).daysWaiting());
        assertEquals("LOST", h.outcomesToShare().get(0).result());
    }

    @Test
    void aThankYouNamingTheAskTheSameDayAsTheOutcomeSettlesItEvenEarlierThatDay() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        tps.add(outcome(5, 15, "ask-7", "WON"));
        tps.add(tp(TouchpointType.THANK_YOU, 5, 9, "ask-7"));
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(List.of(), h.outcomesToShare());
        assertFalse(h.needsAttention());
        assertEquals(List.of(), h.reasons());
    }

    @Test
    void aThankYouNamingTheAskTheDayBeforeTheOutcomeDoesNotSettleIt() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        tps.add(outcome(5, 0, "ask-7", "WON"));
        tps.add(tp(TouchpointType.THANK_YOU, 6, 23, "ask-7"));
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(List.of("ask-7"), h.outcomeAskIds());
        assertEquals(5, h.longestWaitingOutcomeDays());
    }

    @Test
    void aCheckInNamingTheAskSettlesItsOutcome() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        tps.add(outcome(5, 12, "ask-7", "WON"));
        tps.add(tp(TouchpointType.CHECK_IN, 2, 12, "ask-7"));
        assertEquals(List.of(), RelationshipHealth.evaluate(tps, TODAY).outcomesToShare());
    }

    @Test
    void aThankYouOrCheckInWithoutAskIdOrNamingAnotherAskDoesNotSettleAnOutcome() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        tps.add(outcome(5, 12, "ask-7", "WON"));
        tps.add(tp(TouchpointType.THANK_YOU, 2, 12, null));
        tps.add(tp(TouchpointType.CHECK_IN, 2, 12, null));
        tps.add(tp(TouchpointType.THANK_YOU, 1, 12, "ask-other"));
        tps.add(tp(TouchpointType.GIFT, 1, 12, "ask-7")); // only a THANK_YOU or a CHECK_IN tells them
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(List.of("ask-7"), h.outcomeAskIds());
        assertTrue(h.needsAttention());
    }

    @Test
    void aChangedResultAfterTheThankYouReopensTheOutcome() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        tps.add(outcome(10, 12, "ask-7", "WON"));
        tps.add(tp(TouchpointType.THANK_YOU, 9, 12, "ask-7"));
        assertEquals(List.of(), RelationshipHealth.evaluate(tps, TODAY).outcomesToShare());

        tps.add(outcome(4, 12, "ask-7", "LOST")); // a correction recorded after they were told
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(List.of("ask-7"), h.outcomeAskIds());
        assertEquals("LOST", h.outcomesToShare().get(0).result());
        assertEquals(4, h.outcomesToShare().get(0).daysWaiting());
    }

    @Test
    void theLatestOfTwoOutcomesCountsWhateverTheOrderTheyAreGivenIn() {
        List<Touchpoint> tps = completedAndThanked("ask-7");
        Touchpoint later = outcome(3, 12, "ask-7", "NO_DECISION");
        Touchpoint earlier = outcome(8, 12, "ask-7", "WON");
        tps.add(later);
        tps.add(earlier);
        tps.add(tp(TouchpointType.THANK_YOU, 5, 12, "ask-7")); // after the first, before the second
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(1, h.outcomesToShare().size());
        assertEquals("NO_DECISION", h.outcomesToShare().get(0).result());
        assertEquals(3, h.outcomesToShare().get(0).daysWaiting());
    }

    @Test
    void outcomesAreListedOldestFirstAndTheReasonsFollowTheSentences() {
        List<Touchpoint> tps = new ArrayList<>(List.of(
                tp(TouchpointType.CALL, 70),
                tp(TouchpointType.ACTIVITY, 80, 12, "ask-owed"),
                outcome(2, 12, "ask-b", "WON"),
                outcome(6, 12, "ask-a", "LOST")));
        Health h = RelationshipHealth.evaluate(tps, TODAY);
        assertEquals(List.of("ask-a", "ask-b"), h.outcomeAskIds());
        assertEquals(List.of(AttentionReason.NO_RECENT_CONTACT, AttentionReason.THANK_YOU_OVERDUE,
                AttentionReason.OUTCOME_TO_SHARE), h.reasons());
        assertEquals(4, h.why().size());
        assertTrue(h.why().get(0).startsWith("No human contact for 70 days"));
        assertTrue(h.why().get(1).startsWith("Thank-you owed for 80 days"));
        assertTrue(h.why().get(2).startsWith("Outcome to share: ask ask-a"));
        assertTrue(h.why().get(3).startsWith("Outcome to share: ask ask-b"));
    }

    @Test
    void noContactEverIsTheNoRecentContactReasonToo() {
        assertEquals(List.of(AttentionReason.NO_RECENT_CONTACT), RelationshipHealth.evaluate(List.of(), TODAY).reasons());
    }

    @Test
    void urgencyPutsOutcomesToShareAfterOverdueThankYousAndBeforeSilence() {
        record A(String id, Health h) {
        }
        List<Touchpoint> waiting2 = completedAndThanked("o2");
        waiting2.add(outcome(2, 12, "o2", "WON"));
        List<Touchpoint> waiting9 = completedAndThanked("o9");
        waiting9.add(outcome(9, 12, "o9", "WON"));
        List<A> list = new ArrayList<>(List.of(
                new A("never", RelationshipHealth.evaluate(List.of(), TODAY)),
                new A("outcome-2", RelationshipHealth.evaluate(waiting2, TODAY)),
                new A("owed-10", RelationshipHealth.evaluate(List.of(tp(TouchpointType.ACTIVITY, 10, 12, "x")), TODAY)),
                new A("outcome-9", RelationshipHealth.evaluate(waiting9, TODAY)),
                new A("silent-100", RelationshipHealth.evaluate(List.of(tp(TouchpointType.CALL, 100)), TODAY))));
        list.sort(RelationshipHealth.urgency(A::h, A::id));
        assertEquals(List.of("owed-10", "outcome-9", "outcome-2", "never", "silent-100"),
                list.stream().map(A::id).toList());
    }
}
