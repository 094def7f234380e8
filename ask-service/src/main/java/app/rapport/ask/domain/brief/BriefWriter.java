package app.rapport.ask.domain.brief;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the owner's brief as a short paragraph plus a few lines worth mentioning. A pure function
 * of {@link BriefFacts}: same facts, same words.
 *
 * <p>It prepares the person who makes the ask. It never addresses the advocate and never suggests
 * wording for the ask itself: no greeting, no template, no "you could say".
 */
public final class BriefWriter {

    /** The brief in words: {@code summary} is a paragraph, {@code mentions} are short lines. */
    public record Written(String summary, List<String> mentions) {
    }

    private static final Set<String> SENT_OR_LATER = Set.of("SENT", "ACCEPTED", "COMPLETED", "DECLINED_BY_ADVOCATE");

    private static final Map<String, String> ACTIVITY = Map.of(
            "REFERENCE_CALL", "reference call",
            "CASE_STUDY", "case study",
            "REVIEW", "review",
            "SPEAKING", "speaking slot",
            "ANALYST_BRIEFING", "analyst briefing",
            "PRESS", "press interview",
            "WEBINAR", "webinar",
            "PRODUCT_FEEDBACK", "product feedback session");

    private static final Map<String, String> CONTACT = Map.ofEntries(
            Map.entry("CALL", "a call"),
            Map.entry("MEETING", "a meeting"),
            Map.entry("EMAIL", "an email"),
            Map.entry("CHECK_IN", "a check-in"),
            Map.entry("THANK_YOU", "a thank-you"),
            Map.entry("GIFT", "a gift"),
            Map.entry("NOTE", "a note"),
            Map.entry("ACTIVITY", "an activity"),
            Map.entry("ASK_SENT", "an ask"),
            Map.entry("ASK_ANSWERED", "their answer to an ask"));

    private static final Map<String, String> CHANNEL = Map.of(
            "EMAIL", "email",
            "PHONE", "phone",
            "VIDEO", "video",
            "IN_PERSON", "meeting in person",
            "OTHER", "another channel");

    public static Written write(BriefFacts f) {
        String name = f.advocateName() == null || f.advocateName().isBlank() ? null : f.advocateName().trim();
        String first = name == null ? "this advocate" : name.split("\\s+")[0];
        String First = capitalise(first);
        List<String> sentences = new ArrayList<>();
        sentences.add(contactSentence(f, first));
        sentences.add(asksSentence(f, First));
        if (!f.thankYousOwed().isEmpty()) {
            sentences.add(owedSentence(f, first));
        }
        if (!f.preferredChannels().isEmpty()) {
            sentences.add(First + " prefers " + orList(f.preferredChannels().stream()
                    .map(c -> CHANNEL.getOrDefault(c, c.toLowerCase(Locale.ROOT))).toList()) + ".");
        }
        if (f.account() != null) {
            sentences.add(accountSentence(f.account(), f.today()));
        }
        return new Written(String.join(" ", sentences), mentions(f));
    }

    private static String contactSentence(BriefFacts f, String first) {
        BriefFacts.Contact c = f.lastContact();
        if (c == null || c.on() == null) {
            return "There is no record of a personal contact with " + first + " yet.";
        }
        String what = CONTACT.getOrDefault(c.type(), "a contact");
        long days = ChronoUnit.DAYS.between(c.on(), f.today());
        String when = days <= 0 ? "today" : days == 1 ? "yesterday" : days + " days ago";
        String detail = days <= 1 ? "(" + what + ")" : "(" + what + " on " + day(c.on(), f.today()) + ")";
        if (Boolean.TRUE.equals(c.byOwner())) {
            return (days <= 0 ? "You spoke with " : "You last spoke with ") + first + " " + when + " " + detail + ".";
        }
        return "The last personal contact with " + first + " was " + when + " " + detail
                + (c.byOwner() == null ? "." : ", not by you.");
    }

    private static String asksSentence(BriefFacts f, String First) {
        List<BriefFacts.PastAsk> asked = f.pastAsks().stream().filter(a -> SENT_OR_LATER.contains(a.status())).toList();
        if (asked.isEmpty()) {
            return First + " has not been asked in the last 12 months.";
        }
        List<String> parts = new ArrayList<>();
        for (BriefFacts.PastAsk a : asked.subList(0, Math.min(3, asked.size()))) {
            parts.add(describe(a));
        }
        if (asked.size() > 3) {
            parts.add((asked.size() - 3) + " more");
        }
        return First + " has been asked " + times(asked.size()) + " in the last 12 months: " + andList(parts) + ".";
    }

    private static String describe(BriefFacts.PastAsk a) {
        StringBuilder b = new StringBuilder(withArticle(activity(a.activity())));
        if (a.opportunity() != null && !a.opportunity().isBlank()) {
            b.append(" for ").append(a.opportunity().trim());
        }
        List<String> state = new ArrayList<>();
        state.add(switch (a.status()) {
            case "COMPLETED" -> "completed";
            case "ACCEPTED" -> "accepted, not yet done";
            case "SENT" -> "awaiting the answer";
            case "DECLINED_BY_ADVOCATE" -> "declined";
            default -> a.status().toLowerCase(Locale.ROOT).replace('_', ' ');
        });
        if (a.outcome() != null) {
            state.add(switch (a.outcome()) {
                case "WON" -> "won";
                case "LOST" -> "lost";
                default -> "no decision";
            });
        }
        return b.append(" (").append(String.join(", ", state)).append(')').toString();
    }

    private static String owedSentence(BriefFacts f, String first) {
        List<String> forWhat = f.thankYousOwed().stream().map(a -> {
            String what = activity(a.activity());
            return a.opportunity() == null || a.opportunity().isBlank() ? "the " + what
                    : "the " + a.opportunity().trim() + " " + what;
        }).toList();
        return "You still owe " + first + " a thank-you for " + andList(forWhat) + ".";
    }

    private static String accountSentence(BriefFacts.Account a, LocalDate today) {
        String name = a.name() == null || a.name().isBlank() ? "The account" : a.name().trim();
        List<String> parts = new ArrayList<>();
        if (a.renewsOn() != null) {
            long days = ChronoUnit.DAYS.between(today, a.renewsOn());
            parts.add(days < 0 ? "renewed on " + day(a.renewsOn(), today)
                    : days == 0 ? "renews today" : days == 1 ? "renews tomorrow" : "renews in " + days + " days");
        }
        if (a.openCasePriorities().isEmpty() && a.openEscalations() == 0) {
            parts.add("no open cases");
        } else {
            Map<String, Integer> byPriority = new TreeMap<>();
            a.openCasePriorities().forEach(p -> byPriority.merge(p, 1, Integer::sum));
            List<String> cases = new ArrayList<>();
            byPriority.forEach((p, n) -> cases.add(n + " " + p));
            if (!cases.isEmpty()) {
                parts.add((a.openCasePriorities().size() == 1 ? "an open case: " : "open cases: ") + String.join(", ", cases));
            }
            if (a.openEscalations() > 0) {
                parts.add(count(a.openEscalations(), "open escalation"));
            }
        }
        if (a.npsScore() != null) {
            parts.add("latest NPS " + a.npsScore());
        }
        return name + " " + String.join("; ", parts) + ".";
    }

    private static List<String> mentions(BriefFacts f) {
        List<String> m = new ArrayList<>();
        BriefFacts.Need n = f.need();
        if (n != null) {
            StringBuilder b = new StringBuilder("Needed: ").append(withArticle(activity(n.activity())));
            if (n.opportunity() != null && !n.opportunity().isBlank()) {
                b.append(" for ").append(n.opportunity().trim());
            }
            if (n.dueBy() != null) {
                long days = ChronoUnit.DAYS.between(f.today(), n.dueBy());
                b.append(", by ").append(day(n.dueBy(), f.today())).append(days == 0 ? " (today)"
                        : days == 1 ? " (tomorrow)" : days > 1 ? " (in " + days + " days)" : " (already past)");
            }
            if (n.need() != null && !n.need().isBlank()) {
                b.append(": ").append(n.need().trim());
            }
            m.add(b.toString());
        }
        if (!f.matchingTags().isEmpty()) {
            m.add((f.matchingTags().size() == 1 ? "Shared interest: " : "Shared interests: ")
                    + String.join(", ", f.matchingTags()));
        }
        BriefFacts.Thanks t = f.lastThanks();
        if (t != null && t.on() != null) {
            m.add("Last thanked " + relativeDay(t.on(), f.today())
                    + (t.forActivity() == null ? "" : " for " + withArticle(activity(t.forActivity()))));
        }
        return m;
    }

    static String activity(String code) {
        return code == null ? "ask" : ACTIVITY.getOrDefault(code, code.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    static String withArticle(String noun) {
        return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    static String times(int n) {
        return switch (n) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> n + " times";
        };
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "12 Oct" within the same year as today, "12 Oct 2025" otherwise. */
    static String day(LocalDate d, LocalDate today) {
        String s = d.getDayOfMonth() + " " + d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        return d.getYear() == today.getYear() ? s : s + " " + d.getYear();
    }

    static String relativeDay(LocalDate d, LocalDate today) {
        long days = ChronoUnit.DAYS.between(d, today);
        return days == 0 ? "today" : days == 1 ? "yesterday" : "on " + day(d, today);
    }

    static String andList(List<String> items) {
        return join(items, "and");
    }

    static String orList(List<String> items) {
        return join(items, "or");
    }

    private static String join(List<String> items, String word) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + word + " " + items.get(items.size() - 1);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private BriefWriter() {
    }
}
