package app.rapport.ask.domain.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * How much an advocate (and their account) has been used and asked, from ask-service's own asks and
 * the MANUAL ACTIVITY touchpoints of the projection.
 *
 * @param openAsks    the advocate's open asks (AWAITING_OWNER, SENT, ACCEPTED), the ask being checked excluded
 * @param uses        the advocate's uses: asks that reached SENT (their sent date) and manual ACTIVITY touchpoints
 * @param accountUses the uses of every advocate of the same account (this advocate's included)
 * @param gives       the advocate's gives: THANK_YOU, CHECK_IN and GIFT touchpoints (kind GIVE, activity = the
 *                    touchpoint type)
 * @param ownerRouted the asks routed to the advocate's owner (kind ROUTED, ref = askId, date = the day routed);
 *                    null when OWNER_CAPACITY is not checked (at send: the ask was routed already)
 */
public record Usage(List<OpenAsk> openAsks, List<Use> uses, List<Use> accountUses, List<Use> gives,
        List<Use> ownerRouted) {
    public Usage {
        openAsks = openAsks == null ? List.of() : List.copyOf(openAsks);
        uses = uses == null ? List.of() : List.copyOf(uses);
        accountUses = accountUses == null ? List.of() : List.copyOf(accountUses);
        gives = gives == null ? List.of() : List.copyOf(gives);
        ownerRouted = ownerRouted == null ? null : List.copyOf(ownerRouted);
    }

    public Usage(List<OpenAsk> openAsks, List<Use> uses, List<Use> accountUses) {
        this(openAsks, uses, accountUses, List.of(), null);
    }

    public static Usage none() {
        return new Usage(List.of(), List.of(), List.of());
    }

    public record OpenAsk(String askId, String activity, String status) {
    }

    /** One use. {@code kind} is ASK (an ask that was sent) or TOUCHPOINT (an activity recorded by hand). */
    public record Use(String kind, String ref, String advocateId, LocalDate date, String activity) {
        public static Use ask(String askId, String advocateId, LocalDate sentOn, String activity) {
            return new Use("ASK", askId, advocateId, sentOn, activity);
        }

        public static Use touchpoint(String touchpointId, String advocateId, LocalDate on, String activity) {
            return new Use("TOUCHPOINT", touchpointId, advocateId, on, activity);
        }

        /** A give: a THANK_YOU, CHECK_IN or GIFT touchpoint ({@code type} in the activity slot). */
        public static Use give(String touchpointId, String advocateId, LocalDate on, String type) {
            return new Use("GIVE", touchpointId, advocateId, on, type);
        }

        /** An ask routed to an owner (AWAITING_OWNER), dated the day it was routed. */
        public static Use routed(String askId, String advocateId, LocalDate on, String activity) {
            return new Use("ROUTED", askId, advocateId, on, activity);
        }
    }
}
