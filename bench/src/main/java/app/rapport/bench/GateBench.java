package app.rapport.bench;

import app.rapport.ask.domain.eligibility.AdvocateView;
import app.rapport.ask.domain.eligibility.AskRequest;
import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.EligibilityGate;
import app.rapport.ask.domain.eligibility.Policy;
import app.rapport.ask.domain.eligibility.Usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Throughput of the plain-Java eligibility gate alone ({@link EligibilityGate#evaluate}), with no
 * I/O: a hand-written loop (JMH is not in the build) over {@code views} realistic advocates (leaves,
 * busy, own limits, open asks, uses and account uses; about half eligible, the rest blocked by one
 * or more reasons, so reasons and evidence are built as in production). Warm-up rounds first, then
 * measured rounds; the median round is the figure.
 *
 * <pre>./mvnw -q -pl bench exec:java -Dexec.mainClass=app.rapport.bench.GateBench -Dexec.args="10 2000000 4096"</pre>
 * args: measured rounds (10), evaluations per round (2,000,000), distinct views (4096).
 */
public final class GateBench {
    private static final String[] ACTIVITIES = {"REFERENCE_CALL", "CASE_STUDY", "REVIEW", "SPEAKING",
            "ANALYST_BRIEFING", "PRESS", "WEBINAR", "PRODUCT_FEEDBACK"};

    /** Keeps the JIT from dropping the work. */
    static volatile long sink;

    record Input(AdvocateView view, Usage usage, AskRequest request) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int distinct = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        int warmups = Math.max(3, rounds / 2);

        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Policy policy = Policy.defaults();
        Input[] inputs = inputs(distinct, today, new Random(42));

        int eligible = 0;
        long reasons = 0;
        for (Input in : inputs) {
            Decision d = EligibilityGate.evaluate(in.view(), in.usage(), policy, today, in.request());
            eligible += d.eligible() ? 1 : 0;
            reasons += d.reasons().size();
        }

        for (int w = 0; w < warmups; w++) {
            round(inputs, perRound, policy, today);
        }
        double[] opsPerSecond = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long ns = round(inputs, perRound, policy, today);
            opsPerSecond[r] = perRound / (ns / 1e9);
        }
        double[] sorted = opsPerSecond.clone();
        Arrays.sort(sorted);
        double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;

        System.out.printf("GateBench java=%s cpus=%d views=%d (eligible %d, %.2f reasons per view on average)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), distinct, eligible,
                reasons / (double) distinct);
        System.out.printf("  %d warm-up + %d measured rounds of %,d evaluations, one thread%n", warmups, rounds, perRound);
        StringBuilder all = new StringBuilder();
        for (double v : opsPerSecond) {
            all.append(String.format(" %.0f", v));
        }
        System.out.println("  rounds (ops/s):" + all);
        System.out.printf("  median: %,.0f ops/s  (%.0f ns/op); min %,.0f, max %,.0f ops/s%n", median, 1e9 / median,
                sorted[0], sorted[rounds - 1]);
        System.exit(sink == 42 ? 1 : 0); // never 42 in practice; reading the sink keeps the work alive
    }

    private static long round(Input[] inputs, int n, Policy policy, LocalDate today) {
        long acc = 0;
        int mask = inputs.length - 1;
        boolean pow2 = (inputs.length & mask) == 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Input in = inputs[pow2 ? i & mask : i % inputs.length];
            Decision d = EligibilityGate.evaluate(in.view(), in.usage(), policy, today, in.request());
            acc += d.reasons().size() + (d.eligible() ? 1 : 0);
        }
        long ns = System.nanoTime() - start;
        sink += acc;
        return ns;
    }

    static Input[] inputs(int n, LocalDate today, Random rnd) {
        Input[] out = new Input[n];
        for (int i = 0; i < n; i++) {
            String id = "adv-" + i;
            String account = "acc-" + (i / 5); // five advocates per account
            List<String> acts = new ArrayList<>();
            for (String a : ACTIVITIES) {
                if (rnd.nextInt(100) < 45) {
                    acts.add(a);
                }
            }
            if (acts.isEmpty()) {
                acts.add("REFERENCE_CALL");
            }
            List<AdvocateView.Leave> leaves = new ArrayList<>();
            int nLeaves = rnd.nextInt(100) < 60 ? rnd.nextInt(4) : 0;
            LocalDate from = today.minusDays(60);
            for (int l = 0; l < nLeaves; l++) {
                from = from.plusDays(5 + rnd.nextInt(60));
                LocalDate to = from.plusDays(rnd.nextInt(14));
                leaves.add(new AdvocateView.Leave("lv-" + i + "-" + l, from, to));
                from = to;
            }
            LocalDate busy = rnd.nextInt(100) < 10 ? today.plusDays(rnd.nextInt(20) - 5) : null;
            Integer maxPerQuarter = rnd.nextInt(100) < 20 ? rnd.nextInt(4) : null;
            String status = rnd.nextInt(100) < 5 ? "PAUSED" : "ACTIVE";
            String owner = rnd.nextInt(100) < 2 ? null : "u-owner-" + (i % 40);
            AdvocateView view = new AdvocateView(id, account, owner, status, acts, leaves, busy, maxPerQuarter);

            List<Usage.OpenAsk> open = new ArrayList<>();
            if (rnd.nextInt(100) < 15) {
                open.add(new Usage.OpenAsk("ask-" + i + "-o", acts.get(rnd.nextInt(acts.size())), "AWAITING_OWNER"));
            }
            List<Usage.Use> uses = new ArrayList<>();
            int nUses = rnd.nextInt(4);
            for (int u = 0; u < nUses; u++) {
                LocalDate on = today.minusDays(rnd.nextInt(200));
                uses.add(rnd.nextBoolean() ? Usage.Use.ask("ask-" + i + "-" + u, id, on, acts.get(0))
                        : Usage.Use.touchpoint("tp-" + i + "-" + u, id, on, "CASE_STUDY"));
            }
            List<Usage.Use> accountUses = new ArrayList<>(uses);
            int others = rnd.nextInt(6);
            for (int u = 0; u < others; u++) {
                accountUses.add(Usage.Use.ask("ask-x" + i + "-" + u, "adv-other-" + u, today.minusDays(rnd.nextInt(150)),
                        "REVIEW"));
            }
            // mostly activities the advocate opted in to, as a requester picking from suggestions would
            String activity = rnd.nextInt(100) < 85 ? acts.get(rnd.nextInt(acts.size()))
                    : ACTIVITIES[rnd.nextInt(ACTIVITIES.length)];
            LocalDate dueBy = rnd.nextBoolean() ? today.plusDays(3 + rnd.nextInt(40)) : null;
            out[i] = new Input(view, new Usage(open, uses, accountUses), new AskRequest(activity, dueBy));
        }
        return out;
    }

    private GateBench() {
    }
}
