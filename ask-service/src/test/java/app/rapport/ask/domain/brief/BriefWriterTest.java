package app.rapport.ask.domain.brief;

import app.rapport.ask.domain.brief.BriefFacts.Account;
import app.rapport.ask.domain.brief.BriefFacts.Contact;
import app.rapport.ask.domain.brief.BriefFacts.Need;
import app.rapport.ask.domain.brief.BriefFacts.PastAsk;
import app.rapport.ask.domain.brief.BriefFacts.Thanks;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BriefWriterTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private static BriefFacts facts(Contact contact, List<PastAsk> asks, List<PastAsk> owed, List<String> channels,
            Account account) {
        return new BriefFacts("Dana Scully", TODAY, contact, asks, owed, channels, account, null, List.of(), null);
    }

    private static String summary(BriefFacts f) {
        return BriefWriter.write(f).summary();
    }

    @Test
    void theWholeBriefReadsAsAParagraph() {
        PastAsk globex = new PastAsk("REFERENCE_CALL", "COMPLETED", "Globex", "WON");
        BriefFacts f = facts(new Contact("CALL", TODAY.minusDays(45), true),
                List.of(globex, new PastAsk("CASE_STUDY", "DECLINED_BY_ADVOCATE", null, null)), List.of(globex),
                List.of("VIDEO"), new Account("Initech", TODAY.plusDays(120), List.of(), 0, null));
        assertEquals("You last spoke with Dana 45 days ago (a call on 12 Oct). "
                + "Dana has been asked twice in the last 12 months: a reference call for Globex (completed, won) "
                + "and a case study (declined). You still owe Dana a thank-you for the Globex reference call. "
                + "Dana prefers video. Initech renews in 120 days; no open cases.", summary(f));
    }

    @Test
    void theLastContactSaysTodayYesterdayOrHowLongAgo() {
        assertTrue(summary(facts(new Contact("MEETING", TODAY, true), null, null, null, null))
                .startsWith("You spoke with Dana today (a meeting)."));
        assertTrue(summary(facts(new Contact("CHECK_IN", TODAY.minusDays(1), true), null, null, null, null))
                .startsWith("You last spoke with Dana yesterday (a check-in)."));
        assertTrue(summary(facts(new Contact("EMAIL", LocalDate.of(2025, 12, 3), true), null, null, null, null))
                .startsWith("You last spoke with Dana 358 days ago (an email on 3 Dec 2025)."), "another year is named");
        assertTrue(summary(facts(new Contact("CALL", TODAY.minusDays(3), false), null, null, null, null))
                .startsWith("The last personal contact with Dana was 3 days ago (a call on 23 Nov), not by you."));
        assertTrue(summary(facts(new Contact("CALL", TODAY.minusDays(3), null), null, null, null, null))
                .startsWith("The last personal contact with Dana was 3 days ago (a call on 23 Nov)."),
                "who made it is not known: neither 'you' nor 'not by you'");
        assertTrue(summary(facts(null, null, null, null, null))
                .startsWith("There is no record of a personal contact with Dana yet."));
    }

    @Test
    void pastAsksCountOnlyThoseThatReachedTheAdvocate() {
        assertTrue(summary(facts(null, List.of(), null, null, null)).contains("Dana has not been asked in the last 12 months."));
        String blockedOnly = summary(facts(null, List.of(new PastAsk("REVIEW", "BLOCKED", null, null),
                new PastAsk("REVIEW", "DECLINED_BY_OWNER", null, null)), null, null, null));
        assertTrue(blockedOnly.contains("has not been asked"), blockedOnly);
        assertTrue(summary(facts(null, List.of(new PastAsk("ANALYST_BRIEFING", "SENT", null, null)), null, null, null))
                .contains("Dana has been asked once in the last 12 months: an analyst briefing (awaiting the answer)."));
        List<PastAsk> many = List.of(new PastAsk("REVIEW", "COMPLETED", null, "LOST"),
                new PastAsk("WEBINAR", "ACCEPTED", null, null), new PastAsk("PRESS", "COMPLETED", "Acme", "NO_DECISION"),
                new PastAsk("SPEAKING", "COMPLETED", null, null), new PastAsk("REVIEW", "COMPLETED", null, null));
        assertTrue(summary(facts(null, many, null, null, null)).contains("Dana has been asked 5 times in the last 12 months: "
                + "a review (completed, lost), a webinar (accepted, not yet done), a press interview for Acme "
                + "(completed, no decision) and 2 more."), "more than three are counted, not listed");
    }

    @Test
    void thankYousOwedAreListedAndLeftOutWhenNoneIsOwed() {
        String two = summary(facts(null, null, List.of(new PastAsk("REFERENCE_CALL", "COMPLETED", "Globex", null),
                new PastAsk("CASE_STUDY", "COMPLETED", null, null)), null, null));
        assertTrue(two.contains("You still owe Dana a thank-you for the Globex reference call and the case study."), two);
        assertFalse(summary(facts(null, null, List.of(), null, null)).contains("thank-you"));
    }

    @Test
    void preferredChannelsAreJoinedWithOr() {
        assertTrue(summary(facts(null, null, null, List.of("VIDEO", "PHONE", "IN_PERSON"), null))
                .contains("Dana prefers video, phone or meeting in person."));
        assertFalse(summary(facts(null, null, null, List.of(), null)).contains("prefers"));
    }

    @Test
    void theAccountSentenceCoversRenewalCasesEscalationsAndNps() {
        assertTrue(summary(facts(null, null, null, null, new Account("Initech", TODAY, List.of(), 0, null)))
                .endsWith("Initech renews today; no open cases."));
        assertTrue(summary(facts(null, null, null, null, new Account("Initech", TODAY.plusDays(1), List.of("P3"), 0, 9)))
                .endsWith("Initech renews tomorrow; an open case: 1 P3; latest NPS 9."));
        assertTrue(summary(facts(null, null, null, null, new Account("Globex", null, List.of("P2", "P1", "P2"), 2, 4)))
                .endsWith("Globex open cases: 1 P1, 2 P2; 2 open escalations; latest NPS 4."));
        assertTrue(summary(facts(null, null, null, null, new Account("Globex", TODAY.minusDays(5), List.of(), 1, null)))
                .endsWith("Globex renewed on 21 Nov; 1 open escalation."));
        assertFalse(summary(facts(null, null, null, null, null)).contains("renews"), "no account, no sentence");
    }

    @Test
    void mentionsSayTheNeedTheSharedInterestsAndTheLastThanks() {
        BriefFacts f = new BriefFacts("Dana Scully", TODAY, null, null, null, null, null,
                new Need("REFERENCE_CALL", "A bank wants to hear about the migration", TODAY.plusDays(13), "Globex"),
                List.of("security", "fintech"), new Thanks(TODAY.minusDays(1), "CASE_STUDY"));
        assertEquals(List.of("Needed: a reference call for Globex, by 9 Dec (in 13 days): A bank wants to hear about the migration",
                "Shared interests: security, fintech", "Last thanked yesterday for a case study"), BriefWriter.write(f).mentions());

        BriefFacts soon = new BriefFacts(null, TODAY, null, null, null, null, null, new Need("WEBINAR", null, TODAY, null),
                List.of("cloud"), new Thanks(LocalDate.of(2026, 10, 3), null));
        assertEquals(List.of("Needed: a webinar, by 26 Nov (today)", "Shared interest: cloud", "Last thanked on 3 Oct"),
                BriefWriter.write(soon).mentions());
        assertEquals(List.of(), BriefWriter.write(facts(null, null, null, null, null)).mentions());
    }

    @Test
    void withoutANameTheBriefSaysThisAdvocate() {
        BriefFacts f = new BriefFacts(null, TODAY, null, null, null, null, null, null, null, null);
        assertEquals("There is no record of a personal contact with this advocate yet. "
                + "This advocate has not been asked in the last 12 months.", BriefWriter.write(f).summary());
    }

    @Test
    void theBriefNeverAddressesTheAdvocateOrDraftsTheAsk() {
        PastAsk a = new PastAsk("REFERENCE_CALL", "COMPLETED", "Globex", "WON");
        BriefFacts f = new BriefFacts("Dana Scully", TODAY, new Contact("CALL", TODAY.minusDays(2), true), List.of(a),
                List.of(a), List.of("EMAIL"), new Account("Initech", TODAY.plusDays(40), List.of(), 0, 8),
                new Need("CASE_STUDY", "story", TODAY.plusDays(3), "Hooli"), List.of("ai"), new Thanks(TODAY, "REVIEW"));
        BriefWriter.Written w = BriefWriter.write(f);
        String all = (w.summary() + " " + String.join(" ", w.mentions())).toLowerCase();
        for (String draft : List.of("dear ", "hi dana", "hello dana", "you could say", "subject:", "template")) {
            assertFalse(all.contains(draft), draft);
        }
    }
}
