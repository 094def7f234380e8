package app.rapport.ask.service;

import app.rapport.events.vocabulary.AdvocateStatus;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.eligibility.AdvocateView;
import app.rapport.ask.domain.eligibility.AskRequest;
import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.EligibilityGate;
import app.rapport.ask.domain.eligibility.Policy;
import app.rapport.ask.domain.eligibility.Usage;
import app.rapport.ask.domain.usage.Ledger;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.Scans;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.repository.UsageLedgers.Scope;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks the eligible advocates for a need. A search, so a named scan ({@link Scans#SUGGESTIONS}): the
 * candidates are the {@code advocate_views} with the activity and ACTIVE status (index
 * {@code activities,status}), only the fields the gate and the ranking need. Their usage is then read
 * by key, in batches: the advocates' ledgers and their accounts' ledgers ({@code _id $in}). The
 * plain-Java gate runs on each candidate in memory and the eligible ones are scored.
 */
@ApplicationScoped
public class SuggestionService {

    @Inject
    Collections collections;

    @Inject
    PolicyService policies;

    @Inject
    UsageLedgers ledgers;

    @Inject
    Clock clock;

    public record Why(List<String> matchingTags, boolean industryMatch, boolean regionMatch, Integer daysSinceLastUse,
            int usesLast90Days, int remainingBudget, int remainingAccountBudget, List<String> explanation) {
    }

    public record Suggestion(String advocateId, String name, String title, String accountId, String accountName,
            String industry, String region, String ownerId, List<String> tags, double score, Why why) {
    }

    public record Result(List<Suggestion> items, long eligible, int candidates) {
    }

    public Result suggest(String activity, String tag, String industry, String region, int limit) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Policy policy = policies.current();

        String wantTag = norm(tag);
        String wantIndustry = norm(industry);
        String wantRegion = norm(region);
        List<Suggestion> eligible = new ArrayList<>();
        int candidates = 0;
        Bson filter = Filters.and(Filters.eq("activities", activity), Filters.eq("status", AdvocateStatus.ACTIVE.name()));
        // only what the gate and the score need: status and activities are known from the filter
        List<String> onlyActivity = List.of(activity);
        List<Document> found = collections.views().find(filter).comment(Scans.SUGGESTIONS)
                .projection(Projections.include("accountId", "industry", "region", "ownerId", "tags", "leaves",
                        "busyUntil", "maxAsksPerQuarter", "version")).into(new ArrayList<>());
        Map<String, Ledger> advocateLedgers = ledgers.findAll(Scope.ADVOCATE,
                found.stream().map(v -> v.getString("_id")).toList());
        Map<String, Ledger> accountLedgers = ledgers.findAll(Scope.ACCOUNT,
                found.stream().map(v -> v.getString("accountId")).filter(java.util.Objects::nonNull)
                        .collect(java.util.stream.Collectors.toSet()));
        for (Document v : found) {
            if (!AdvocateViewRepository.known(v)) {
                continue;
            }
            candidates++;
            String id = v.getString("_id");
            AdvocateView view = AdvocateViewRepository.toView(v.append("status", AdvocateStatus.ACTIVE.name())
                    .append("activities", onlyActivity));
            Ledger adv = advocateLedgers.getOrDefault(id, Ledger.empty(id));
            List<Usage.Use> uses = adv.usesExcept(null);
            List<Usage.Use> accountUses = view.accountId() == null ? uses
                    : accountLedgers.getOrDefault(view.accountId(), Ledger.empty(view.accountId())).usesExcept(null);
            List<Usage.OpenAsk> open = adv.open().stream()
                    .map(o -> new Usage.OpenAsk(o.askId(), o.activity(), o.status())).toList();
            Usage usage = new Usage(open, uses, accountUses);
            Decision d = EligibilityGate.evaluate(view, usage, policy, today, new AskRequest(activity, null));
            if (!d.eligible()) {
                continue;
            }
            eligible.add(score(v, view, usage, policy, today, wantTag, wantIndustry, wantRegion));
        }
        eligible.sort(Comparator.comparingDouble(Suggestion::score).reversed().thenComparing(Suggestion::advocateId));
        List<Suggestion> top = new ArrayList<>(eligible.subList(0, Math.min(limit, eligible.size())));
        // names and titles for the few shown only
        Map<String, Document> display = new HashMap<>();
        for (Document d : collections.views().find(Filters.in("_id", top.stream().map(Suggestion::advocateId).toList()))
                .projection(Projections.include("name", "title", "accountName"))) {
            display.put(d.getString("_id"), d);
        }
        List<Suggestion> items = top.stream().map(x -> {
            Document d = display.getOrDefault(x.advocateId(), new Document());
            return new Suggestion(x.advocateId(), d.getString("name"), d.getString("title"), x.accountId(),
                    d.getString("accountName"), x.industry(), x.region(), x.ownerId(), x.tags(), x.score(), x.why());
        }).toList();
        return new Result(items, eligible.size(), candidates);
    }

    private static Suggestion score(Document v, AdvocateView view, Usage usage, Policy policy, LocalDate today,
            String tag, String industry, String region) {
        List<String> tags = v.getList("tags", String.class, List.of());
        List<String> matching = tag == null ? List.of() : tags.stream().filter(t -> tag.equals(norm(t))).toList();
        boolean industryMatch = industry != null && industry.equals(norm(v.getString("industry")));
        boolean regionMatch = region != null && region.equals(norm(v.getString("region")));
        Integer daysSince = usage.uses().stream().map(Usage.Use::date).filter(d -> !d.isAfter(today))
                .max(Comparator.naturalOrder()).map(d -> (int) ChronoUnit.DAYS.between(d, today)).orElse(null);
        LocalDate windowStart = today.minusDays(Policy.WINDOW_DAYS);
        int uses90 = (int) usage.uses().stream().filter(u -> u.date().isAfter(windowStart)).count();
        int cap = policy.advocateBudgetPer90Days();
        if (view.maxAsksPerQuarter() != null && view.maxAsksPerQuarter() < cap) {
            cap = Math.max(0, view.maxAsksPerQuarter());
        }
        int remaining = Math.max(0, cap - uses90);
        int accountUses90 = (int) usage.accountUses().stream().filter(u -> u.date().isAfter(windowStart)).count();
        int remainingAccount = Math.max(0, policy.accountBudgetPer90Days() - accountUses90);

        double score = 0;
        List<String> explanation = new ArrayList<>();
        if (!matching.isEmpty()) {
            score += 40;
            explanation.add("Tagged " + String.join(", ", matching));
        }
        if (industryMatch) {
            score += 25;
            explanation.add("Works in " + v.getString("industry"));
        }
        if (regionMatch) {
            score += 20;
            explanation.add("Based in " + v.getString("region"));
        }
        int rest = daysSince == null ? 365 : Math.min(daysSince, 365);
        score += 10.0 * rest / 365.0;
        explanation.add(daysSince == null ? "Not used in the last 90 days" : "Last used " + daysSince + " days ago");
        score += cap == 0 ? 0 : 5.0 * remaining / cap;
        explanation.add(remaining + " of " + cap + " asks left in the advocate's 90-day budget; " + remainingAccount
                + " of " + policy.accountBudgetPer90Days() + " left for the account");
        Why why = new Why(matching, industryMatch, regionMatch, daysSince, uses90, remaining, remainingAccount,
                explanation);
        return new Suggestion(v.getString("_id"), null, null, v.getString("accountId"),
                null, v.getString("industry"), v.getString("region"), v.getString("ownerId"),
                tags, Math.round(score * 100) / 100.0, why);
    }

    private static String norm(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

}
