package app.rapport.gateway.ops;

import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The influenced pipeline: the recorded outcomes of asks, counted by result over a window of days
 * (by the day the opportunity closed), with the won amounts per currency (the programme's first,
 * the others listed apart and never converted), per activity, and the top accounts and advocates.
 * Pure logic: {@link OpsSummary} reads the outcomes and the names from the read model.
 */
public final class Influence {
    static final int TOP = 10;
    static final String UNKNOWN = "UNKNOWN";
    /** How many of an account's advocates are asked for its name (it is in their snapshots). */
    static final int ACCOUNT_NAME_SOURCES = 5;

    /** One ask's outcome, as the read model holds it. */
    public record Outcome(String askId, String result, BigDecimal amount, String currency, LocalDate closedOn,
            String activity, String accountId, String advocateId) {

        /** From an {@code ops_asks} document with an {@code outcome}; null when it has none that can be read. */
        static Outcome of(Document ask) {
            Document o = ask.get("outcome", Document.class);
            if (o == null || o.getString("result") == null || o.getString("closedOn") == null) {
                return null;
            }
            String amount = o.getString("amount");
            return new Outcome(String.valueOf(ask.get("_id")), o.getString("result"),
                    amount == null ? null : new BigDecimal(amount), o.getString("currency"),
                    LocalDate.parse(o.getString("closedOn")), ask.getString("activity"), ask.getString("accountId"),
                    ask.getString("advocateId"));
        }
    }

    /** Counts by result and the won amount in the programme currency, for one activity, account or advocate. */
    static final class Tally {
        long won;
        long lost;
        long noDecision;
        BigDecimal wonAmount = BigDecimal.ZERO;
        final Set<String> advocates = new TreeSet<>();

        void add(Outcome o, String programmeCurrency) {
            switch (o.result()) {
                case "WON" -> {
                    won++;
                    if (o.amount() != null && programmeCurrency.equals(o.currency())) {
                        wonAmount = wonAmount.add(o.amount());
                    }
                }
                case "LOST" -> lost++;
                case "NO_DECISION" -> noDecision++;
                default -> {
                    return;
                }
            }
            if (o.advocateId() != null) {
                advocates.add(o.advocateId());
            }
        }

        Map<String, Object> counts() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("won", won);
            m.put("lost", lost);
            m.put("noDecision", noDecision);
            return m;
        }
    }

    /** One window's figures, before the names of its top accounts and advocates are known. */
    public static final class Window {
        final LocalDate since;
        final String currency;
        final Tally all = new Tally();
        final Map<String, BigDecimal> wonAmounts = new TreeMap<>();
        final Map<String, Tally> byActivity = new TreeMap<>();
        final List<Map.Entry<String, Tally>> topAccounts;
        final List<Map.Entry<String, Tally>> topAdvocates;

        Window(Collection<Outcome> outcomes, LocalDate since, String currency) {
            this.since = since;
            this.currency = currency;
            Map<String, Tally> accounts = new TreeMap<>();
            Map<String, Tally> advocates = new TreeMap<>();
            for (Outcome o : outcomes) {
                if (o.closedOn().isBefore(since)) {
                    continue;
                }
                all.add(o, currency);
                if ("WON".equals(o.result()) && o.amount() != null && o.currency() != null) {
                    wonAmounts.merge(o.currency(), o.amount(), BigDecimal::add);
                }
                byActivity.computeIfAbsent(o.activity() == null ? UNKNOWN : o.activity(), k -> new Tally())
                        .add(o, currency);
                if (o.accountId() != null) {
                    accounts.computeIfAbsent(o.accountId(), k -> new Tally()).add(o, currency);
                }
                if (o.advocateId() != null) {
                    advocates.computeIfAbsent(o.advocateId(), k -> new Tally()).add(o, currency);
                }
            }
            topAccounts = top(accounts);
            topAdvocates = top(advocates);
        }

        /**
         * The advocates whose snapshots the JSON needs: the top advocates, and for each top account
         * its first few advocates (by id), whose snapshots may carry the account's name.
         */
        public Set<String> advocatesToName() {
            Set<String> ids = new TreeSet<>();
            topAdvocates.forEach(e -> ids.add(e.getKey()));
            topAccounts.forEach(e -> e.getValue().advocates.stream().limit(ACCOUNT_NAME_SOURCES).forEach(ids::add));
            return ids;
        }

        /**
         * The window as JSON; {@code advocates} gives an advocate's {@code ops_advocates} document
         * ({@code name}, {@code accountId}, {@code accountName}) or null when the read model has none.
         */
        public Map<String, Object> toJson(Function<String, Document> advocates) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("since", since.toString());
            w.put("currency", currency);
            Map<String, Object> won = new LinkedHashMap<>();
            won.put("count", all.won);
            Map<String, Object> amounts = new LinkedHashMap<>();
            amounts.put(currency, number(wonAmounts.getOrDefault(currency, BigDecimal.ZERO)));
            wonAmounts.forEach((c, a) -> amounts.putIfAbsent(c, number(a)));
            won.put("amount", amounts);
            w.put("won", won);
            w.put("lost", Map.of("count", all.lost));
            w.put("noDecision", Map.of("count", all.noDecision));
            Map<String, Object> activities = new LinkedHashMap<>();
            byActivity.forEach((activity, t) -> activities.put(activity, t.counts()));
            w.put("byActivity", activities);

            List<Map<String, Object>> accounts = new ArrayList<>();
            for (Map.Entry<String, Tally> e : topAccounts) {
                accounts.add(row("accountId", e.getKey(), accountName(e.getKey(), e.getValue().advocates, advocates),
                        e.getValue()));
            }
            w.put("byAccount", accounts);
            List<Map<String, Object>> people = new ArrayList<>();
            for (Map.Entry<String, Tally> e : topAdvocates) {
                Document d = advocates.apply(e.getKey());
                people.add(row("advocateId", e.getKey(), d == null ? null : d.getString("name"), e.getValue()));
            }
            w.put("byAdvocate", people);
            return w;
        }

        private Map<String, Object> row(String idField, String id, String name, Tally t) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(idField, id);
            r.put("name", name);
            r.putAll(t.counts());
            r.put("wonAmount", number(t.wonAmount));
            return r;
        }
    }

    /** The figures of the outcomes closed on or after {@code since}. */
    public static Window window(Collection<Outcome> outcomes, LocalDate since, String programmeCurrency) {
        return new Window(outcomes, since, programmeCurrency);
    }

    /** Top 10 by won amount in the programme currency, then won count, then id. */
    static List<Map.Entry<String, Tally>> top(Map<String, Tally> tallies) {
        List<Map.Entry<String, Tally>> rows = new ArrayList<>(tallies.entrySet());
        rows.sort(Comparator.comparing((Map.Entry<String, Tally> e) -> e.getValue().wonAmount).reversed()
                .thenComparing(e -> e.getValue().won, Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey));
        return new ArrayList<>(rows.subList(0, Math.min(TOP, rows.size())));
    }

    /** The account's name as one of its advocates' snapshots gives it (that advocate still in that account). */
    static String accountName(String accountId, Set<String> advocateIds, Function<String, Document> advocates) {
        for (String advocateId : advocateIds.stream().limit(ACCOUNT_NAME_SOURCES).toList()) {
            Document d = advocates.apply(advocateId);
            if (d != null && accountId.equals(d.getString("accountId")) && d.getString("accountName") != null) {
                return d.getString("accountName");
            }
        }
        return null;
    }

    /** A sum as JSON writes it: plain digits, never an exponent. */
    static BigDecimal number(BigDecimal amount) {
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }

    private Influence() {
    }
}
