package app.rapport.touchpoint.domain;

import app.rapport.events.vocabulary.TouchpointType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health of one relationship, as a pure function of its touchpoints and today's date (UTC).
 * Every rule works at day granularity, on the UTC calendar date of {@code occurredAt}:
 * <ul>
 *   <li><b>Human touch</b>: CHECK_IN, THANK_YOU, MEETING, CALL, EMAIL, GIFT, ASK_SENT, ASK_ANSWERED
 *   and ACTIVITY. A NOTE is not contact, nor is an OUTCOME (news about the advocate, not with them).
 *   {@code daysSinceHumanTouch} = today − the date of the last one (never negative).</li>
 *   <li><b>Last 90 days</b>: the date of {@code occurredAt} is on or after today − 90 days. A
 *   touchpoint exactly 90 days ago counts; one 91 days ago does not.</li>
 *   <li><b>Asks</b> are ASK_SENT; <b>gives</b> are THANK_YOU, CHECK_IN and GIFT.</li>
 *   <li><b>Pending thank-you</b>: an ACTIVITY with an askId (a completed ask) with no THANK_YOU
 *   dated on or after the completion date. A thank-you on the same day counts, even earlier that
 *   day. A THANK_YOU that names an askId settles only that ask; one without an askId settles
 *   every ask completed on or before its date. When an ask has more than one ACTIVITY, its latest
 *   one counts.</li>
 *   <li><b>Outcome to share</b>: the latest OUTCOME of an ask (by {@code occurredAt}) with no
 *   THANK_YOU or CHECK_IN naming that askId dated on or after the outcome's date. The same day counts,
 *   even earlier that day; a THANK_YOU or CHECK_IN without an askId settles none. A later OUTCOME (a
 *   correction that changed the result) has to be shared again.</li>
 *   <li><b>Needs attention</b>: no human touch in the last 60 days (the last one more than 60 days
 *   ago, or none at all), a thank-you owed for more than 7 days (completed 8 or more days ago), or
 *   an outcome to share (from its first day: no grace days).</li>
 * </ul>
 */
public final class RelationshipHealth {
    public static final int WINDOW_DAYS = 90;
    public static final int NO_CONTACT_DAYS = 60;
    public static final int THANK_YOU_GRACE_DAYS = 7;

    /** A completed ask still waiting for its thank-you. */
    public record PendingThankYou(String askId, Instant completedAt, LocalDate completedOn, long daysOwed) {
        public boolean overdue() {
            return daysOwed > THANK_YOU_GRACE_DAYS;
        }
    }

    /**
     * An ask whose outcome the owner has not yet shared with the advocate.
     *
     * @param result      WON, LOST or NO_DECISION
     * @param activity    the ask's activity, null when the event had none
     * @param daysWaiting today − recordedOn, never negative
     */
    public record OutcomeToShare(String askId, String activity, String result, Instant recordedAt,
            LocalDate recordedOn, long daysWaiting) {
    }

    /**
     * The figures of one relationship on one day.
     *
     * @param reasons the codes of the reasons for attention, each once, in the order of {@code why}
     */
    public record Health(
            Instant lastHumanTouchAt,
            Long daysSinceHumanTouch,
            int asksLast90d,
            int givesLast90d,
            List<PendingThankYou> pendingThankYous,
            List<OutcomeToShare> outcomesToShare,
            boolean needsAttention,
            List<AttentionReason> reasons,
            List<String> why) {

        /** Days the oldest overdue thank-you has been owed, or -1 when none is overdue. */
        public long longestOverdueThankYouDays() {
            return pendingThankYous.stream().filter(PendingThankYou::overdue).mapToLong(PendingThankYou::daysOwed)
                    .max().orElse(-1);
        }

        /** Days without human touch, with "never" as the longest possible. */
        public long daysWithoutHumanTouch() {
            return daysSinceHumanTouch == null ? Long.MAX_VALUE : daysSinceHumanTouch;
        }

        /** Days the longest-waiting outcome to share has waited, or -1 when there is none. */
        public long longestWaitingOutcomeDays() {
            return outcomesToShare.stream().mapToLong(OutcomeToShare::daysWaiting).max().orElse(-1);
        }

        public List<String> pendingAskIds() {
            return pendingThankYous.stream().map(PendingThankYou::askId).toList();
        }

        public List<String> outcomeAskIds() {
            return outcomesToShare.stream().map(OutcomeToShare::askId).toList();
        }
    }

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Health evaluate(Collection<Touchpoint> touchpoints, LocalDate today) {
        LocalDate windowStart = today.minusDays(WINDOW_DAYS);
        Instant lastHuman = null;
        int asks = 0;
        int gives = 0;
        Map<String, Touchpoint> completions = new HashMap<>();
        List<Touchpoint> thankYous = new ArrayList<>();
        Map<String, Touchpoint> outcomes = new HashMap<>();
        // THANK_YOU and CHECK_IN that name an ask: the news of that ask's outcome was shared
        List<Touchpoint> shared = new ArrayList<>();

        for (Touchpoint t : touchpoints) {
            TouchpointType type = t.type();
            LocalDate day = dayOf(t.occurredAt());
            if (type.humanTouch() && (lastHuman == null || t.occurredAt().isAfter(lastHuman))) {
                lastHuman = t.occurredAt();
            }
            if (!day.isBefore(windowStart)) {
                if (type.ask()) {
                    asks++;
                }
                if (type.give()) {
                    gives++;
                }
            }
            if (type == TouchpointType.ACTIVITY && t.askId() != null) {
                completions.merge(t.askId(), t, (a, b) -> b.occurredAt().isAfter(a.occurredAt()) ? b : a);
            }
            if (type == TouchpointType.THANK_YOU) {
                thankYous.add(t);
            }
            if (type == TouchpointType.OUTCOME && t.askId() != null) {
                outcomes.merge(t.askId(), t, RelationshipHealth::later);
            }
            if ((type == TouchpointType.THANK_YOU || type == TouchpointType.CHECK_IN) && t.askId() != null) {
                shared.add(t);
            }
        }

        List<PendingThankYou> pending = new ArrayList<>();
        for (Touchpoint completion : completions.values()) {
            LocalDate completedOn = dayOf(completion.occurredAt());
            boolean thanked = thankYous.stream().anyMatch(ty ->
                    (ty.askId() == null || ty.askId().equals(completion.askId()))
                            && !dayOf(ty.occurredAt()).isBefore(completedOn));
            if (!thanked) {
                long owed = Math.max(0, ChronoUnit.DAYS.between(completedOn, today));
                pending.add(new PendingThankYou(completion.askId(), completion.occurredAt(), completedOn, owed));
            }
        }
        pending.sort(Comparator.comparing(PendingThankYou::completedAt).thenComparing(PendingThankYou::askId));

        List<OutcomeToShare> toShare = new ArrayList<>();
        for (Touchpoint outcome : outcomes.values()) {
            LocalDate recordedOn = dayOf(outcome.occurredAt());
            boolean told = shared.stream().anyMatch(s -> s.askId().equals(outcome.askId())
                    && !dayOf(s.occurredAt()).isBefore(recordedOn));
            if (!told) {
                long waiting = Math.max(0, ChronoUnit.DAYS.between(recordedOn, today));
                toShare.add(new OutcomeToShare(outcome.askId(), outcome.activity(), outcome.outcome(),
                        outcome.occurredAt(), recordedOn, waiting));
            }
        }
        toShare.sort(Comparator.comparing(OutcomeToShare::recordedAt).thenComparing(OutcomeToShare::askId));

        Long daysSince = lastHuman == null ? null : Math.max(0, ChronoUnit.DAYS.between(dayOf(lastHuman), today));
        List<String> why = new ArrayList<>();
        Set<AttentionReason> reasons = EnumSet.noneOf(AttentionReason.class);
        if (lastHuman == null) {
            why.add("No human contact recorded yet");
            reasons.add(AttentionReason.NO_RECENT_CONTACT);
        } else if (daysSince > NO_CONTACT_DAYS) {
            why.add("No human contact for " + daysSince + " days (last on " + dayOf(lastHuman) + ")");
            reasons.add(AttentionReason.NO_RECENT_CONTACT);
        }
        for (PendingThankYou p : pending) {
            if (p.overdue()) {
                why.add("Thank-you owed for " + p.daysOwed() + " days for ask " + p.askId() + " (completed on "
                        + p.completedOn() + ")");
                reasons.add(AttentionReason.THANK_YOU_OVERDUE);
            }
        }
        for (OutcomeToShare o : toShare) {
            why.add(outcomeSentence(o));
            reasons.add(AttentionReason.OUTCOME_TO_SHARE);
        }
        // an EnumSet iterates in declaration order, which is the order of the sentences above
        return new Health(lastHuman, daysSince, asks, gives, List.copyOf(pending), List.copyOf(toShare),
                !why.isEmpty(), List.copyOf(reasons), List.copyOf(why));
    }

    /** "Outcome to share: ask ask-7 (REFERENCE_CALL) was recorded as WON on 2026-11-30; tell them it helped". */
    static String outcomeSentence(OutcomeToShare o) {
        return "Outcome to share: ask " + o.askId() + (o.activity() == null ? "" : " (" + o.activity() + ")")
                + " was recorded as " + o.result() + " on " + o.recordedOn() + "; "
                + ("WON".equals(o.result()) ? "tell them it helped" : "tell them how it ended");
    }

    /** Of two touchpoints, the one that occurred later; at the same instant the greater id (any fixed choice). */
    private static Touchpoint later(Touchpoint a, Touchpoint b) {
        int c = b.occurredAt().compareTo(a.occurredAt());
        return c > 0 || (c == 0 && b.id().compareTo(a.id()) > 0) ? b : a;
    }

    /**
     * Most urgent first: the longest-owed overdue thank-you first (any overdue thank-you before
     * none); then the longest-waiting outcome to share (any before none); then the longest without
     * human touch (never before any); then the advocate id. A thank-you owed for more than a week
     * is a debt already late; an outcome is fresh news that loses its worth as it waits, so it comes
     * before a general silence but after a debt.
     */
    public static <T> Comparator<T> urgency(java.util.function.Function<T, Health> health,
            java.util.function.Function<T, String> id) {
        return Comparator.<T>comparingLong(x -> -health.apply(x).longestOverdueThankYouDays())
                .thenComparingLong(x -> -health.apply(x).longestWaitingOutcomeDays())
                .thenComparing(x -> health.apply(x).daysWithoutHumanTouch(), Comparator.reverseOrder())
                .thenComparing(id);
    }

    private RelationshipHealth() {
    }
}
