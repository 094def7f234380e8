package app.rapport.ask.service;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.brief.BriefFacts;
import app.rapport.ask.domain.brief.BriefWriter;
import app.rapport.ask.domain.eligibility.AccountView;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.repository.UsageLedgers.Scope;
import app.rapport.ask.rest.AskResponses;
import app.rapport.ask.rest.AskResponses.Brief;
import app.rapport.ask.rest.AskResponses.EarlierAsk;
import app.rapport.ask.rest.AskResponses.TouchpointSummary;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The owner's preparation for making an ask personally, from this service's own asks and the
 * touchpoint projection: the last touchpoints (type, time, channel, ask; never notes), the asks of the
 * last 12 months with their outcomes, preferred channels, days since the last human contact, and the
 * completed asks still owed a thank-you.
 */
@ApplicationScoped
public class BriefService {
    static final int LAST_TOUCHPOINTS = 5;
    /** The brief lists at most this many earlier asks (index advocateId, createdAt), newest first. */
    static final int EARLIER_ASKS = 50;

    @Inject
    Collections collections;

    @Inject
    AdvocateViewRepository views;

    @Inject
    UsageLedgers ledgers;

    @Inject
    Clock clock;

    /** The brief of a stored ask, reading the advocate's view and the account's situation by key. */
    public Brief brief(Document ask) {
        Document view = views.find(ask.getString("advocateId"));
        String accountId = view == null ? null : view.getString("accountId");
        return brief(ask, view, accountId == null ? null : ledgers.find(Scope.ACCOUNT, accountId).situation());
    }

    /**
     * The brief of a stored ask from what was already read: the advocate's view (null: not known yet)
     * and the account's situation (null: it has none yet). Reads only the advocate's earlier asks.
     */
    public Brief brief(Document ask, Document view, AccountView account) {
        String advocateId = ask.getString("advocateId");
        String excludeAskId = ask.getString("_id");
        String ownerId = view != null && view.getString("ownerId") != null ? view.getString("ownerId")
                : ask.getString("ownerId");
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<TouchpointSummary> last = new ArrayList<>();
        List<String> channels = List.of();
        Integer daysSince = null;
        List<String> thanked = List.of();
        BriefFacts.Contact contact = null;
        Document lastThankYou = null;
        if (view != null) {
            List<Document> recent = new ArrayList<>(view.getList("recentTouchpoints", Document.class, List.of()));
            recent.sort(Comparator.comparing((Document d) -> d.getDate("occurredAt")).reversed());
            for (Document t : recent.subList(0, Math.min(LAST_TOUCHPOINTS, recent.size()))) {
                last.add(new TouchpointSummary(t.getString("type"), t.getDate("occurredAt").toInstant(),
                        t.getString("channel"), t.getString("askId")));
            }
            for (Document t : recent) { // newest first; a NOTE is not a contact (as lastHumanContactAt)
                if (contact == null && !"NOTE".equals(t.getString("type"))) {
                    String by = t.getString("by");
                    contact = new BriefFacts.Contact(t.getString("type"), day(t.getDate("occurredAt")),
                            by == null ? null : by.equals(ownerId));
                }
                if (lastThankYou == null && "THANK_YOU".equals(t.getString("type"))) {
                    lastThankYou = t;
                }
            }
            channels = view.getList("channels", String.class, List.of());
            Date human = view.getDate("lastHumanContactAt");
            if (human != null) {
                daysSince = (int) Math.max(0, ChronoUnit.DAYS.between(
                        LocalDate.ofInstant(human.toInstant(), ZoneOffset.UTC), today));
                if (contact == null) { // older than the touchpoints the view keeps
                    contact = new BriefFacts.Contact(null, day(human), null);
                }
            }
            thanked = view.getList("thankedAskIds", String.class, List.of());
        }
        List<EarlierAsk> earlier = new ArrayList<>();
        List<String> owed = new ArrayList<>();
        List<BriefFacts.PastAsk> pastAsks = new ArrayList<>();
        List<BriefFacts.PastAsk> owedAsks = new ArrayList<>();
        Map<String, String> activityOf = new HashMap<>();
        for (Document a : collections.asks().find(Filters.and(Filters.eq("advocateId", advocateId),
                        Filters.gte("createdAt", Date.from(now.minus(Duration.ofDays(365))))))
                .projection(Projections.include("activity", "status", "createdAt", "accepted",
                        "context.opportunity", "outcome.result"))
                .sort(Sorts.descending("createdAt")).limit(EARLIER_ASKS)) {
            String id = a.getString("_id");
            if (id.equals(excludeAskId)) {
                continue;
            }
            String status = a.getString("status");
            Document result = a.get("outcome", Document.class);
            earlier.add(new EarlierAsk(id, a.getString("activity"), status, a.getDate("createdAt").toInstant(),
                    outcome(status), result == null ? null : result.getString("result")));
            activityOf.put(id, a.getString("activity"));
            Document context = a.get("context", Document.class);
            BriefFacts.PastAsk past = new BriefFacts.PastAsk(a.getString("activity"), status,
                    context == null ? null : context.getString("opportunity"),
                    result == null ? null : result.getString("result"));
            pastAsks.add(past);
            if ("COMPLETED".equals(status) && !thanked.contains(id)) {
                owed.add(id);
                owedAsks.add(past);
            }
        }
        BriefFacts facts = new BriefFacts(view == null ? null : view.getString("name"), today, contact, pastAsks,
                owedAsks, channels, account == null ? null : accountFacts(account, view), need(ask),
                matchingTags(view, ask), lastThankYou == null ? null : new BriefFacts.Thanks(
                        day(lastThankYou.getDate("occurredAt")), activityOf.get(lastThankYou.getString("askId"))));
        BriefWriter.Written words = BriefWriter.write(facts);
        return new Brief(words.summary(), words.mentions(), last, earlier, channels, daysSince, owed,
                account == null ? null : accountContext(account, view, today));
    }

    /** brief.account from the situation the gate read. */
    static AskResponses.AccountContext accountContext(AccountView a, Document view, LocalDate today) {
        int fromYear = today.getYear() - 2;
        List<AskResponses.Spend> spend = a.spend().stream()
                .filter(p -> year(p.period()) != null && year(p.period()) >= fromYear && year(p.period()) <= today.getYear())
                .map(p -> new AskResponses.Spend(p.period(), p.amount(), p.currency())).toList();
        return new AskResponses.AccountContext(a.accountId(), view == null ? null : view.getString("accountName"),
                a.openCases().stream().map(c -> new AskResponses.OpenCase(c.caseId(), c.priority(), c.openedAt(),
                        ageDays(c.openedAt(), today))).toList(),
                a.escalations().stream().map(e -> new AskResponses.OpenEscalation(e.escalationId(), e.openedAt(),
                        ageDays(e.openedAt(), today))).toList(),
                a.renewsOn(), a.renewsOn() == null ? null : ChronoUnit.DAYS.between(today, a.renewsOn()),
                a.npsScore() == null ? null : new AskResponses.Nps(a.npsScore(), a.npsAt()), spend);
    }

    /** The calendar year a period starts with ("2026", "2026-Q3", "2026-07"), or null. */
    static Integer year(String period) {
        if (period == null || period.length() < 4) {
            return null;
        }
        String y = period.substring(0, 4);
        if (!y.chars().allMatch(Character::isDigit) || (period.length() > 4 && Character.isDigit(period.charAt(4)))) {
            return null;
        }
        return Integer.parseInt(y);
    }

    private static Long ageDays(Instant since, LocalDate today) {
        return since == null ? null : Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(since, ZoneOffset.UTC), today));
    }

    private static LocalDate day(Date d) {
        return d == null ? null : LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }

    private static BriefFacts.Account accountFacts(AccountView a, Document view) {
        return new BriefFacts.Account(view == null ? null : view.getString("accountName"), a.renewsOn(),
                a.openCases().stream().map(AccountView.OpenCase::priority).toList(), a.escalations().size(),
                a.npsScore());
    }

    private static BriefFacts.Need need(Document ask) {
        Document context = ask.get("context", Document.class);
        String dueBy = ask.getString("dueBy");
        return new BriefFacts.Need(ask.getString("activity"), context == null ? null : context.getString("need"),
                dueBy == null ? null : LocalDate.parse(dueBy),
                context == null ? null : context.getString("opportunity"));
    }

    /** The advocate's tags that the requester's words name (the need, the opportunity, the notes). */
    static List<String> matchingTags(Document view, Document ask) {
        if (view == null) {
            return List.of();
        }
        Document context = ask.get("context", Document.class);
        if (context == null) {
            return List.of();
        }
        String words = (" " + String.join(" ", Stream.of("need", "opportunity", "notes")
                .map(context::getString).filter(Objects::nonNull).toList()) + " ")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ");
        List<String> out = new ArrayList<>();
        for (String tag : view.getList("tags", String.class, List.of())) {
            String t = tag.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
            if (!t.isEmpty() && words.contains(" " + t + " ")) {
                out.add(tag);
            }
        }
        return out;
    }

    static String outcome(String status) {
        return switch (status) {
            case "COMPLETED" -> "completed";
            case "ACCEPTED" -> "accepted, not yet completed";
            case "SENT" -> "asked, awaiting the advocate's answer";
            case "DECLINED_BY_ADVOCATE" -> "the advocate declined";
            case "DECLINED_BY_OWNER" -> "the owner decided not to ask";
            case "CANCELLED" -> "cancelled";
            case "EXPIRED" -> "expired before the owner acted";
            case "BLOCKED" -> "blocked by the gate";
            default -> "awaiting the owner";
        };
    }
}
