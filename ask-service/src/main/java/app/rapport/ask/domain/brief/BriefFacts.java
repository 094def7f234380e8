package app.rapport.ask.domain.brief;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the owner's brief speaks of, gathered beforehand. Any part may be absent (null or
 * empty): the writer then leaves its sentence out or says plainly that nothing is known.
 *
 * @param advocateName       the advocate's name as people use it ("Dana Scully"); null reads "this advocate"
 * @param today              the owner's today (UTC)
 * @param lastContact        the last human contact (a call, meeting, check-in...), or null if none is recorded
 * @param pastAsks           the asks of the last 12 months, newest first (the ask being prepared excluded)
 * @param thankYousOwed      completed asks still owed a thank-you
 * @param preferredChannels  the advocate's preferred channels (EMAIL, PHONE, VIDEO, IN_PERSON, OTHER)
 * @param account            the account's situation, or null when not known yet
 * @param need               what the requester needs, or null
 * @param matchingTags       the advocate's tags that match the need
 * @param lastThanks         the last thank-you recorded, or null
 */
public record BriefFacts(String advocateName, LocalDate today, Contact lastContact, List<PastAsk> pastAsks,
        List<PastAsk> thankYousOwed, List<String> preferredChannels, Account account, Need need,
        List<String> matchingTags, Thanks lastThanks) {

    public BriefFacts {
        pastAsks = pastAsks == null ? List.of() : List.copyOf(pastAsks);
        thankYousOwed = thankYousOwed == null ? List.of() : List.copyOf(thankYousOwed);
        preferredChannels = preferredChannels == null ? List.of() : List.copyOf(preferredChannels);
        matchingTags = matchingTags == null ? List.of() : List.copyOf(matchingTags);
    }

    /**
     * A human contact: its touchpoint type (CALL, MEETING, CHECK_IN, ...), its day, and whether the
     * owner reading the brief made it (null: not known, for a contact recorded before Rapport kept who).
     */
    public record Contact(String type, LocalDate on, Boolean byOwner) {
    }

    /**
     * An earlier ask: its activity, its status, the opportunity it served (e.g. "Globex") and the
     * recorded outcome of that opportunity (WON, LOST, NO_DECISION), each possibly null.
     */
    public record PastAsk(String activity, String status, String opportunity, String outcome) {
    }

    /**
     * The account: its name, the next renewal, the open support cases by priority (P1..P4) and
     * escalations, and the latest NPS score.
     */
    public record Account(String name, LocalDate renewsOn, List<String> openCasePriorities, int openEscalations,
            Integer npsScore) {
        public Account {
            openCasePriorities = openCasePriorities == null ? List.of() : List.copyOf(openCasePriorities);
        }
    }

    /** What the requester needs: the activity, the need in their words, by when, and for which opportunity. */
    public record Need(String activity, String need, LocalDate dueBy, String opportunity) {
    }

    /** The last thank-you: its day and what it was for (an activity), either possibly null. */
    public record Thanks(LocalDate on, String forActivity) {
    }
}
