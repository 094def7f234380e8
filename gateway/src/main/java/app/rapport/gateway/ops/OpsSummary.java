package app.rapport.gateway.ops;

import app.rapport.gateway.config.ProgrammeConfig;
import app.rapport.gateway.readmodel.ReadModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the JSON of every dashboard panel from the read model and the latest pipeline reading. */
@ApplicationScoped
public class OpsSummary {
    /**
     * The summary's two intended scans of the read model, named so the query discipline lets them
     * through: the advocates still owed a thank-you, and those without a human touch for 60 days.
     * Both read the gateway's own small read model (one document per advocate), not a service's data.
     */
    static final String SCAN_THANKS_OWED = "scan:ops-thanks-owed";
    static final String SCAN_UNTOUCHED = "scan:ops-untouched";

    public static final List<String> STAGES = List.of("requested", "routed", "sent", "accepted", "completed", "blocked");
    static final int TOP = 10;
    static final int LIST_LIMIT = 50;
    static final Duration INBOX_AGE = Duration.ofDays(3);
    static final Duration NO_TOUCH = Duration.ofDays(60);

    @Inject
    ReadModel model;

    @Inject
    PipelineMonitor pipeline;

    @Inject
    ProgrammeConfig programme;

    Clock clock = Clock.systemUTC();

    /** A programme currency that is not an ISO 4217 code stops the gateway at startup, saying so. */
    void onStart(@Observes StartupEvent e) {
        ProgrammeConfig.check(programme.currency());
    }

    public Map<String, Object> build() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", now.toString());
        out.put("eventsApplied", model.appliedCount());
        out.put("funnel", funnel(today));
        out.put("blockedReasons", blockedReasons(today));
        out.put("inboxAgeing", inboxAgeing(now));
        out.put("mostAsked", mostAsked(today));
        out.put("attention", attention(now));
        out.put("influence", influence(today));
        out.put("pipeline", pipeline.latest());
        return out;
    }

    /** Distinct asks that reached each stage in the last 7 and 30 days (today included). */
    Map<String, Object> funnel(LocalDate today) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int days : new int[] {7, 30}) {
            String since = today.minusDays(days - 1L).toString();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String stage : STAGES) {
                counts.put(stage, model.asks().countDocuments(Filters.gte("stages." + stage, since)));
            }
            f.put("last" + days + "d", counts);
        }
        return f;
    }

    Map<String, Object> blockedReasons(LocalDate today) {
        Map<String, Object> out = new LinkedHashMap<>();
        String since30 = today.minusDays(29).toString();
        String since7 = today.minusDays(6).toString();
        Map<String, long[]> byCode = new TreeMap<>();
        for (Document d : model.asks().find(Filters.gte("stages.blocked", since30))
                .projection(Projections.include("stages", "blockedReasons"))) {
            String day = ((Document) d.get("stages")).getString("blocked");
            List<String> codes = d.getList("blockedReasons", String.class, List.of());
            for (String code : codes.isEmpty() ? List.of("UNKNOWN") : codes) {
                long[] c = byCode.computeIfAbsent(code, k -> new long[2]);
                c[1]++;
                if (day != null && day.compareTo(since7) >= 0) {
                    c[0]++;
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byCode.forEach((code, c) -> rows.add(Map.of("code", code, "last7d", c[0], "last30d", c[1])));
        rows.sort(Comparator.comparing((Map<String, Object> m) -> (Long) m.get("last30d")).reversed());
        out.put("reasons", rows);
        return out;
    }

    List<Map<String, Object>> inboxAgeing(Instant now) {
        Date cutoff = Date.from(now.minus(INBOX_AGE));
        Map<String, long[]> byOwner = new TreeMap<>();
        for (Document d : model.asks().find(Filters.and(Filters.eq("status", "AWAITING_OWNER"),
                        Filters.lt("awaitingSince", cutoff)))
                .projection(Projections.include("ownerId", "awaitingSince"))) {
            String owner = d.getString("ownerId") == null ? "(none)" : d.getString("ownerId");
            long days = Duration.between(d.getDate("awaitingSince").toInstant(), now).toDays();
            long[] c = byOwner.computeIfAbsent(owner, k -> new long[2]);
            c[0]++;
            c[1] = Math.max(c[1], days);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byOwner.forEach((owner, c) -> rows.add(Map.of("ownerId", owner, "waiting", c[0], "oldestDays", c[1])));
        rows.sort(Comparator.comparing((Map<String, Object> m) -> (Long) m.get("oldestDays")).reversed());
        return rows;
    }

    /** Advocates with the most asks requested in the last 90 days, with how many reached them. */
    List<Map<String, Object>> mostAsked(LocalDate today) {
        String since = today.minusDays(89).toString();
        Map<String, long[]> byAdvocate = new HashMap<>();
        for (Document d : model.asks().find(Filters.gte("stages.requested", since))
                .projection(Projections.include("advocateId", "stages"))) {
            String advocate = d.getString("advocateId");
            if (advocate == null) {
                continue;
            }
            long[] c = byAdvocate.computeIfAbsent(advocate, k -> new long[2]);
            c[0]++;
            if (((Document) d.get("stages")).get("sent") != null) {
                c[1]++;
            }
        }
        List<Map.Entry<String, long[]>> top = new ArrayList<>(byAdvocate.entrySet());
        top.sort(Comparator.comparing((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed()
                .thenComparing(e -> e.getValue()[1], Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : top.subList(0, Math.min(TOP, top.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("advocateId", e.getKey());
            row.put("name", name(e.getKey()));
            row.put("asked", e.getValue()[0]);
            row.put("sent", e.getValue()[1]);
            rows.add(row);
        }
        return rows;
    }

    /** Thank-yous owed after completed asks, and advocates with no human touch in 60 days. */
    Map<String, Object> attention(Instant now) {
        List<Map<String, Object>> owed = new ArrayList<>();
        for (Document d : model.advocates().find(Filters.exists("completedAsks.0")).comment(SCAN_THANKS_OWED)) {
            Date lastThanks = d.getDate("lastThankYouAt");
            for (Document c : d.getList("completedAsks", Document.class, List.of())) {
                Date completedAt = c.getDate("completedAt");
                if (completedAt != null && (lastThanks == null || lastThanks.before(completedAt))) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("advocateId", d.getString("_id"));
                    row.put("name", d.getString("name"));
                    row.put("ownerId", d.getString("ownerId"));
                    row.put("askId", c.getString("askId"));
                    row.put("completedAt", completedAt.toInstant().toString());
                    row.put("daysOwed", Duration.between(completedAt.toInstant(), now).toDays());
                    owed.add(row);
                }
            }
        }
        owed.sort(Comparator.comparing((Map<String, Object> m) -> (Long) m.get("daysOwed")).reversed());

        Date cutoff = Date.from(now.minus(NO_TOUCH));
        List<Map<String, Object>> untouched = new ArrayList<>();
        for (Document d : model.advocates().find(Filters.and(Filters.ne("status", "RETIRED"), Filters.or(
                        Filters.lt("lastHumanTouchAt", cutoff),
                        Filters.and(Filters.exists("lastHumanTouchAt", false), Filters.lt("firstSeenAt", cutoff)))))
                .sort(Sorts.ascending("lastHumanTouchAt")).limit(LIST_LIMIT).comment(SCAN_UNTOUCHED)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("advocateId", d.getString("_id"));
            row.put("name", d.getString("name"));
            row.put("ownerId", d.getString("ownerId"));
            Date last = d.getDate("lastHumanTouchAt");
            row.put("lastHumanTouchAt", last == null ? null : last.toInstant().toString());
            row.put("daysSinceHumanTouch", last == null ? null : Duration.between(last.toInstant(), now).toDays());
            untouched.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("thankYousOwed", owed.subList(0, Math.min(LIST_LIMIT, owed.size())));
        out.put("noHumanTouch", untouched);
        return out;
    }

    /**
     * The influenced pipeline over the last 90 and 365 days (by {@code outcome.closedOn}, today
     * included): one read of the outcomes closed in 365 days (index {@code outcome.closedOn}), and
     * one of the names of the advocates the rankings show (by {@code _id}).
     */
    Map<String, Object> influence(LocalDate today) {
        String currency = ProgrammeConfig.check(programme.currency());
        List<Influence.Outcome> outcomes = new ArrayList<>();
        for (Document d : model.asks().find(Filters.gte("outcome.closedOn", today.minusDays(364).toString()))
                .projection(Projections.include("outcome", "activity", "accountId", "advocateId"))) {
            Influence.Outcome o = Influence.Outcome.of(d);
            if (o != null) {
                outcomes.add(o);
            }
        }
        Map<String, Influence.Window> windows = new LinkedHashMap<>();
        windows.put("last90d", Influence.window(outcomes, today.minusDays(89), currency));
        windows.put("last365d", Influence.window(outcomes, today.minusDays(364), currency));
        Set<String> named = new TreeSet<>();
        windows.values().forEach(w -> named.addAll(w.advocatesToName()));
        Map<String, Document> advocates = new HashMap<>();
        if (!named.isEmpty()) {
            for (Document d : model.advocates().find(Filters.in("_id", named))
                    .projection(Projections.include("name", "accountId", "accountName"))) {
                advocates.put(d.getString("_id"), d);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        windows.forEach((key, w) -> out.put(key, w.toJson(advocates::get)));
        return out;
    }

    private String name(String advocateId) {
        Document d = model.advocates().find(Filters.eq("_id", advocateId)).projection(Projections.include("name"))
                .first();
        return d == null ? null : d.getString("name");
    }
}
