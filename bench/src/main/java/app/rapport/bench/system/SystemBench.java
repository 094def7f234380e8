package app.rapport.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The system benchmark behind {@code ./rapport bench} (see docs/benchmarks.md for what each figure means).
 * <ol>
 *   <li>seeds through the product's own paths: a CSV import through the gateway, timed to DONE and
 *   until each projection (ask-service, touchpoint-service, the gateway's read model) holds the last row;</li>
 *   <li>seeds history (touchpoints and asks, closed loop with {@code --concurrency} clients) to
 *   {@code --history-first}, measures the two decisions (dry run, {@code POST /api/asks}) and propagation;</li>
 *   <li>seeds on to {@code --scale} (or until {@code --history-minutes}), then measures every
 *   workload: open-loop constant-rate steps at rising rates until p99 breaks, with the baselines
 *   (a no-op through the gateway, ask-service direct, Kafka's ProducerPerformance), the gateway's
 *   overhead, propagation idle and under ask load, RSS and CPU per process, documents examined;</li>
 *   <li>writes a JSON report and a markdown table (targets beside figures).</li>
 * </ol>
 * Every wait is bounded. Exit code: 0 when the run completed (whatever the speed), 1 when a phase could not be done.
 */
public final class SystemBench {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String[] ACTIVITIES = {"REFERENCE_CALL", "CASE_STUDY", "REVIEW", "SPEAKING", "ANALYST_BRIEFING", "PRESS",
            "WEBINAR", "PRODUCT_FEEDBACK"};
    static final String[] INDUSTRIES = {"Software", "Fintech", "Logistics", "Retail", "Healthcare", "Energy"};
    static final String[] REGIONS = {"EMEA", "NA", "APAC", "LATAM"};
    static final String[] TAGS = {"kafka", "fintech", "migration", "cloud", "security", "ai", "payments", "analytics"};
    static final String[] TOUCH_TYPES = {"CHECK_IN", "NOTE", "MEETING", "CALL", "EMAIL"};
    static final int ROWS_PER_OWNER = 1000;

    /** An imported advocate: its id and its CSV row (which fixes its account, owner and activities). */
    record Adv(String id, int row) {
    }

    private final Config c;
    private final Http http;
    private final Tokens tokens;
    private final Procs procs;
    private final QueryStats stats;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Map<String, Object>> workloads = new ArrayList<>();
    private final long t0 = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();

    private List<Adv> pool = List.of();
    private List<Adv> routedPool = List.of();
    private List<Adv> historyPool = List.of();
    private List<Adv> leavePool = List.of();
    private final AtomicInteger routedCursor = new AtomicInteger();
    private final AtomicInteger leaveCursor = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> openRouted = new ConcurrentLinkedQueue<>();
    private final AtomicLong historyTouchpoints = new AtomicLong();
    private final AtomicLong historyAsks = new AtomicLong();
    private final AtomicLong historySent = new AtomicLong();

    public SystemBench(Config c) throws Exception {
        this.c = c;
        this.http = new Http(Duration.ofMillis((long) (c.requestTimeoutSeconds * 1000)), 4);
        this.tokens = new Tokens(c.privateKey, run, c.tokenSubs);
        Map<String, Long> pids = new LinkedHashMap<>(c.pids);
        if (c.pidDir != null) {
            pids.putAll(Procs.fromPidDir(c.pidDir));
        }
        this.procs = new Procs(pids);
        this.stats = new QueryStats(c.mongoUri);
    }

    public static void main(String[] args) throws Exception {
        Config c;
        try {
            c = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SystemBench b = new SystemBench(c);
        Map<String, Object> r = b.run();
        System.exit(Boolean.TRUE.equals(r.get("completed")) ? 0 : 1);
    }

    // ============================================================================================
    public Map<String, Object> run() {
        report.put("schema", "rapport-bench/1");
        report.put("date", Instant.now().toString());
        report.put("command", c.command);
        report.put("stack", c.stack);
        report.put("revision", git("rev-parse", "--short=12", "HEAD"));
        report.put("revisionDirty", !git("status", "--porcelain", "--untracked-files=no").isBlank());
        Map<String, Object> machine = machine();
        machine.put("loadBefore", loadAverage());
        long[] cpuBefore = cpuTimes();
        report.put("machine", machine);
        report.put("config", c.toMap());
        report.put("processes", procs.pids());
        report.put("resourcesBefore", resources(procs.sample()));
        for (String role : List.of("requester", "programme-manager")) {
            tokens.any(role); // sign the token pools now, not during a step
        }
        // interrupted (Ctrl-C, kill): still write what was measured so far
        Thread hook = new Thread(() -> {
            if (!finished.get()) {
                problems.add("interrupted");
                finish(machine, cpuBefore, false);
            }
        }, "bench-report-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        log("Rapport bench %s: %s; %d cpus; load %s; run id %s", report.get("revision"), c.stack,
                Runtime.getRuntime().availableProcessors(), machine.get("loadBefore"), run);
        boolean completed = false;
        try {
            completed = phases();
        } catch (Exception e) {
            problem("the run stopped: " + e);
            e.printStackTrace();
        } finally {
            finish(machine, cpuBefore, completed);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        return report;
    }

    private synchronized void finish(Map<String, Object> machine, long[] cpuBefore, boolean completed) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        report.put("workloads", new ArrayList<>(workloads));
        report.put("resourcesAfter", resources(procs.sample()));
        machine.put("loadAfter", loadAverage());
        long[] cpuAfter = cpuTimes();
        if (cpuBefore != null && cpuAfter != null && cpuAfter[0] > cpuBefore[0]) {
            // a virtual machine's CPUs can be taken by its host: the share of the run they were
            machine.put("cpuStealPercent", Math.round(1000.0 * (cpuAfter[1] - cpuBefore[1])
                    / (cpuAfter[0] - cpuBefore[0])) / 10.0);
        }
        report.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
        try {
            report.put("targets", targets());
        } catch (RuntimeException e) {
            problems.add("could not derive the targets: " + e);
        }
        report.put("problems", new ArrayList<>(problems));
        report.put("warnings", new ArrayList<>(warnings));
        report.put("completed", completed && problems.isEmpty());
        write();
        stats.close();
    }

    private boolean phases() throws Exception {
        // ---- the programme's policy: the default caps, but owners with room for the bench's load
        // (OWNER_CAPACITY would otherwise block every ask after five routed per owner and week) ----
        Http.Resp policy = http.call(Http.Req.json("PUT", c.gateway + "/api/policy", tokens.any("programme-manager"),
                "{\"minDaysBetweenAsks\":30,\"advocateBudgetPer90Days\":2,\"accountBudgetPer90Days\":4,"
                        + "\"maxOpenAsksPerAdvocate\":1,\"maxRoutedAsksPerOwnerPer7Days\":100000}"));
        if (!policy.is(200)) {
            warnings.add("PUT /api/policy answered " + policy.status() + ": owner capacity stays at its default");
        }
        // ---- seed: the import ------------------------------------------------------------------
        if (!importPhase()) {
            return false;
        }
        if (!loadPool()) {
            return false;
        }
        // ---- history, first size -----------------------------------------------------------------
        List<Map<String, Object>> history = new ArrayList<>();
        report.put("history", history);
        history.add(seedHistory(c.historyFirst, c.historyMinutes * 60 * 0.25));
        long firstSize = historySize();
        log("== decisions at %,d history records", firstSize);
        decisionWorkloads(firstSize);
        Map<String, Object> propagation = new LinkedHashMap<>();
        report.put("propagation", propagation);
        propagation.put("idleAtFirstHistory", propagation(firstSize, false, 0));

        // ---- history, full size ------------------------------------------------------------------
        double minutesLeft = c.historyMinutes * 60 - ((Number) history.get(0).get("seconds")).doubleValue();
        history.add(seedHistory(c.scale, Math.max(minutesLeft, 10)));
        long size = historySize();
        if (size < c.scale) {
            problem(String.format("history reached %,d of the %,d records asked for (--history-minutes %.0f)", size, c.scale,
                    c.historyMinutes));
        }
        log("== every workload at %,d history records", size);
        Map<String, Object> ping = baselinePing(size);
        Map<String, Object> gw = ladder("GET /api/policy (gateway)", size, i -> Http.Req.get(c.gateway + "/api/policy",
                tokens.any("requester")), status(200), null);
        Map<String, Object> direct = ladder("GET /api/policy (ask-service direct)", size,
                i -> Http.Req.get(c.askService + "/api/policy", tokens.any("requester")), status(200), null);
        report.put("gatewayOverhead", overhead(gw, direct, saturation()));
        ladder("GET /api/eligibility (ask-service direct)", size, i -> eligibility(c.askService, randomAdv()), status(200), null);
        decisionWorkloads(size);
        ladder("GET /api/advocates/{id}/timeline", size,
                i -> Http.Req.get(c.gateway + "/api/advocates/" + randomAdv().id() + "/timeline?limit=20",
                        tokens.any("programme-manager")), status(200), null);
        ladder("GET /api/advocates/{id}/360", size,
                i -> Http.Req.get(c.gateway + "/api/advocates/" + randomAdv().id() + "/360", tokens.any("programme-manager")),
                (r, res) -> {
                    if (r.status() != 200) {
                        return false;
                    }
                    boolean whole = r.body().replace(" ", "").contains("\"unavailable\":[]");
                    res.outcome(whole ? "complete" : "partial");
                    return whole;
                }, null);
        propagation.put("idle", propagation(size, false, 0));
        propagation.put("underAskLoad", propagation(size, true, askLoadRate()));
        report.put("kafkaProducerPerformance", producerPerformance());
        report.put("noOpBaseline", ping);
        return true;
    }

    // ============================================================================================
    // the import
    private boolean importPhase() throws Exception {
        Map<String, Object> imp = new LinkedHashMap<>();
        report.put("import", imp);
        int rows = c.importRows;
        byte[] csv = csv(rows);
        imp.put("rows", rows);
        imp.put("fileMegabytes", Math.round(csv.length / 1e5) / 10.0);
        long applied0 = eventsApplied();
        log("== import: %,d rows (%.1f MB) through POST /api/advocates/imports", rows, csv.length / 1e6);
        Map<String, Procs.Sample> before = procs.sample();
        stats.reset();
        long start = System.nanoTime();
        Http.Req post = new Http.Req("POST", c.gateway + "/api/advocates/imports", tokens.any("programme-manager"),
                "text/csv; charset=utf-8", csv);
        Http.Resp r = http.call(post, Duration.ofSeconds(300));
        // the gateway gives up on a service after its timeout (5 s) with 503; importing the same file again is
        // safe (rows are upserts: what a first, unseen job already did comes out unchanged), so post it again
        List<String> refused = new ArrayList<>();
        for (int attempt = 1; attempt <= 3 && (r.status() == 503 || r.status() == -1); attempt++) {
            refused.add(r.status() + " " + cut(r.body()));
            // advocate-service may have accepted the file after the gateway gave up: then its first row appears
            long seenBy = System.nanoTime() + 30_000_000_000L;
            boolean running = false;
            while (!running && System.nanoTime() < seenBy) {
                running = findRow(0) != null;
                Thread.sleep(500);
            }
            if (running) {
                imp.put("refusedBeforeAccepted", refused);
                warning("POST /api/advocates/imports answered " + refused.get(0) + ", but advocate-service had accepted the "
                        + "file: DONE is taken as the moment the last row's advocate exists (the job id is unknown)");
                long deadline = System.nanoTime() + (long) (Math.max(600, rows / 20.0) * 1e9);
                Adv lastRow = null;
                while (lastRow == null && System.nanoTime() < deadline) {
                    lastRow = findRow(rows - 1);
                    Thread.sleep(lastRow == null ? 500 : 0);
                }
                if (lastRow == null) {
                    problem("the import's last row never appeared");
                    return false;
                }
                return afterImport(imp, rows, start, System.nanoTime(), rows, 0, applied0, before);
            }
            r = http.call(post, Duration.ofSeconds(300));
        }
        long accepted = System.nanoTime();
        if (!refused.isEmpty()) {
            imp.put("refusedBeforeAccepted", refused);
            warning("POST /api/advocates/imports was refused " + refused.size() + " time(s) before it was accepted (timed "
                    + "from the first POST): " + refused.get(0));
        }
        if (r.status() != 202) {
            problem("POST /api/advocates/imports answered " + r.status() + ": " + cut(r.body()));
            return false;
        }
        String id = JSON.readTree(r.body()).path("id").asText();
        imp.put("acceptedSeconds", secs(accepted - start));
        JsonNode job = null;
        long deadline = System.nanoTime() + (long) (Math.max(600, rows / 20.0) * 1e9);
        long lastLog = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Http.Resp p = http.call(Http.Req.get(c.gateway + "/api/advocates/imports/" + id, tokens.any("programme-manager")));
            if (p.status() == 200) {
                job = JSON.readTree(p.body());
                if (!"RUNNING".equals(job.path("status").asText())) {
                    break;
                }
            }
            if (System.nanoTime() - lastLog > 10e9) {
                lastLog = System.nanoTime();
                log("   ... %.0f s: %s rows processed", secs(lastLog - start), job == null ? "?" : job.path("processed").asText());
            }
            Thread.sleep(200);
        }
        long done = System.nanoTime();
        if (job == null || !"DONE".equals(job.path("status").asText())) {
            problem("the import did not finish: " + (job == null ? "no answer" : cut(job.toString())));
            return false;
        }
        return afterImport(imp, rows, start, done, job.path("created").asLong(), job.path("rejectedCount").asLong(), applied0,
                before);
    }

    private boolean afterImport(Map<String, Object> imp, int rows, long start, long done, long created, long rejected,
                                long applied0, Map<String, Procs.Sample> before) throws Exception {
        double doneSeconds = secs(done - start);
        imp.put("doneSeconds", doneSeconds);
        imp.put("rowsPerSecond", Math.round(rows / doneSeconds));
        imp.put("created", created);
        imp.put("rejected", rejected);
        imp.put("cpuSeconds", cpuDelta(before, procs.sample()));
        imp.put("queryStats", stats.read());
        log("   DONE after %.1f s (%,.0f rows/s; created %d, rejected %d)", doneSeconds, rows / doneSeconds, created, rejected);

        // the last row, then each projection
        Adv last = findRow(rows - 1);
        if (last == null) {
            problem("could not find the advocate of the last imported row");
            return false;
        }
        long want = applied0 + rows - rejected; // one registered event per row, whichever job
        Map<String, Object> proj = new LinkedHashMap<>();
        imp.put("projectionsHoldLastRowSecondsAfterDone", proj);
        ExecutorService ex = Executors.newFixedThreadPool(3);
        long limit = (long) (c.projectionTimeoutSeconds * 1e9);
        Future<Double> ask = ex.submit(() -> until(done, limit, 100, () -> http.call(eligibility(c.gateway, last)).is(200)));
        Future<Double> tp = ex.submit(() -> until(done, limit, 100, () -> http.call(Http.Req.get(
                c.gateway + "/api/advocates/" + last.id() + "/relationship", tokens.any("programme-manager"))).is(200)));
        Future<Double> gwModel = ex.submit(() -> until(done, limit, 500, () -> eventsApplied() >= want));
        proj.put("askService", ask.get());
        proj.put("touchpointService", tp.get());
        proj.put("gatewayReadModel", gwModel.get());
        ex.shutdown();
        proj.put("how", "ask-service: GET /api/eligibility for the last row answers 200 (not 422); touchpoint-service: "
                + "GET /api/advocates/{id}/relationship answers 200 (not 404); gateway: /api/ops/summary eventsApplied "
                + "grew by the rows created");
        log("   projections hold the last row after DONE: ask-service %s s, touchpoint-service %s s, gateway read model %s s",
                proj.get("askService"), proj.get("touchpointService"), proj.get("gatewayReadModel"));
        // every row, not just the last: the rows' events are spread over the topic's partitions, so the
        // last row arriving says nothing about the others. Each consumer group has committed every
        // record of advocate-events (SmallRye commits at most a few seconds after applying: an upper bound).
        Map<String, Object> every = new LinkedHashMap<>();
        imp.put("projectionsHoldEveryRowSecondsAfterDone", every);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.kafka))) {
            List<String> groups = new ArrayList<>(List.of("ask-service", "touchpoint-service", "gateway"));
            while (!groups.isEmpty() && System.nanoTime() - done < limit) {
                for (var it = groups.iterator(); it.hasNext(); ) {
                    String group = it.next();
                    if (lag(admin, group, "advocate-events") == 0) {
                        every.put(group, Math.round((System.nanoTime() - done) / 1e7) / 100.0);
                        it.remove();
                    }
                }
                Thread.sleep(250);
            }
            groups.forEach(g -> every.put(g, null)); // not within the limit
        }
        every.put("how", "the consumer group's committed offsets on advocate-events reach the end offsets (lag 0), "
                + "polled every 250 ms after DONE");
        log("   projections hold every row (consumer lag 0 on advocate-events) after DONE: ask-service %s s, "
                + "touchpoint-service %s s, gateway %s s", every.get("ask-service"), every.get("touchpoint-service"),
                every.get("gateway"));
        if (proj.get("askService") == null) {
            problem("ask-service's projection did not have the last row " + c.projectionTimeoutSeconds + " s after DONE");
            return false;
        }
        return true;
    }

    interface Probe {
        boolean ok() throws Exception;
    }

    /** A wait's figure: its seconds, "not within" the limit (null), or not measured (absent: the run stopped first). */
    private String waited(Map<?, ?> m, String key, Double seconds) {
        return !m.containsKey(key) ? "not measured (the run stopped before)"
                : seconds == null ? "not within " + c.projectionTimeoutSeconds + " s" : seconds + " s";
    }

    /** Seconds from {@code from} until the probe holds, or null when it did not within {@code limit} ns. */
    private static Double until(long from, long limit, long everyMs, Probe p) throws Exception {
        while (System.nanoTime() - from < limit) {
            if (p.ok()) {
                return Math.round((System.nanoTime() - from) / 1e7) / 100.0;
            }
            Thread.sleep(everyMs);
        }
        return null;
    }

    /** Records of {@code topic} not yet committed by {@code group}; -1 when it cannot tell. */
    private static long lag(Admin admin, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                long end = ends.get(tp).offset();
                lag += end - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    private long eventsApplied() {
        Http.Resp r = http.call(Http.Req.get(c.gateway + "/api/ops/summary", tokens.any("programme-manager")));
        if (r.status() != 200) {
            return -1;
        }
        try {
            return JSON.readTree(r.body()).path("eventsApplied").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private Adv findRow(int row) throws Exception {
        Http.Resp r = http.call(Http.Req.get(c.gateway + "/api/advocates?size=20&accountId=" + enc(account(row)),
                tokens.any("programme-manager")));
        if (r.status() != 200) {
            return null;
        }
        for (JsonNode a : JSON.readTree(r.body()).path("items")) {
            if (a.path("externalId").asText().equals(externalId(row))) {
                return new Adv(a.path("id").asText(), row);
            }
        }
        return null;
    }

    /** Every imported advocate's id, by owner (each owner has at most 1,000 of them), pages of 200. */
    private boolean loadPool() throws Exception {
        long start = System.nanoTime();
        int owners = (c.importRows + ROWS_PER_OWNER - 1) / ROWS_PER_OWNER;
        List<Adv> all = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        ExecutorService ex = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int o = 0; o < owners; o++) {
            String owner = owner(o * ROWS_PER_OWNER);
            fs.add(ex.submit(() -> {
                for (int page = 0; page < ROWS_PER_OWNER / 200 + 1; page++) {
                    Http.Resp r = http.call(Http.Req.get(c.gateway + "/api/advocates?size=200&page=" + page + "&ownerId="
                            + enc(owner), tokens.any("programme-manager")), Duration.ofSeconds(60));
                    if (r.status() != 200) {
                        failures.incrementAndGet();
                        return null;
                    }
                    JsonNode items = JSON.readTree(r.body()).path("items");
                    for (JsonNode a : items) {
                        String ext = a.path("externalId").asText();
                        String prefix = "imp-" + run + "-";
                        if (ext.startsWith(prefix)) {
                            all.add(new Adv(a.path("id").asText(), Integer.parseInt(ext.substring(prefix.length()))));
                        }
                    }
                    if (items.size() < 200) {
                        return null;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get(30, TimeUnit.MINUTES);
        }
        ex.shutdown();
        List<Adv> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> Integer.compare(a.row(), b.row()));
        pool = sorted;
        // accounts of 4 advocates: every 5th account takes the asks of the history, the others the load;
        // a few of the load advocates are kept for leaves (propagation)
        List<Adv> hist = new ArrayList<>();
        List<Adv> load = new ArrayList<>();
        for (Adv a : pool) {
            ((a.row() / 4) % 5 == 0 ? hist : load).add(a);
        }
        int leaves = Math.min(load.size() / 4, 4 * c.propagationSamples + 10);
        leavePool = new ArrayList<>(load.subList(load.size() - leaves, load.size()));
        routedPool = new ArrayList<>(load.subList(0, load.size() - leaves));
        Collections.shuffle(routedPool, new java.util.Random(42));
        historyPool = hist.isEmpty() ? routedPool : hist;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("advocates", pool.size());
        m.put("forAsks", routedPool.size());
        m.put("forHistoryAsks", historyPool.size());
        m.put("forLeaves", leavePool.size());
        m.put("seconds", secs(System.nanoTime() - start));
        m.put("how", "GET /api/advocates?ownerId=…&size=200&page=… for each owner of the import");
        report.put("advocatePool", m);
        log("   %,d imported advocates listed in %.1f s (%,d for asks, %,d for history asks, %,d for leaves)", pool.size(),
                secs(System.nanoTime() - start), routedPool.size(), historyPool.size(), leavePool.size());
        if (failures.get() > 0 || pool.size() < Math.min(c.importRows, 8) || routedPool.isEmpty()) {
            problem("listing the imported advocates failed (" + failures.get() + " pages failed, " + pool.size() + " found)");
            return false;
        }
        return true;
    }

    // ============================================================================================
    // history: touchpoints on every advocate, asks on the history accounts (routed ones sent by their owner)
    private long historySize() {
        return historyTouchpoints.get() + historyAsks.get();
    }

    /**
     * A seeding call (not a measurement): an answer that says "try again" (503, 429, no answer) is retried
     * up to 3 times after a short back-off, so that a loaded machine does not leave holes in the history.
     * (A retried POST /api/asks may create a second ask: both are real history.)
     */
    private Http.Resp seedCall(Http.Req req) {
        Http.Resp r = http.call(req);
        for (int attempt = 1; attempt <= 3 && (r.status() == 503 || r.status() == 429 || r.status() == -1); attempt++) {
            try {
                Thread.sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
            r = http.call(req);
        }
        return r;
    }

    private Map<String, Object> seedHistory(long target, double maxSeconds) throws Exception {
        long from = historySize();
        log("== history: %,d -> %,d records (touchpoints + asks), %d clients, at most %.0f s", from, target, c.concurrency,
                maxSeconds);
        long start = System.nanoTime();
        long stopAt = start + (long) (maxSeconds * 1e9);
        AtomicLong next = new AtomicLong(from);
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        ExecutorService ex = Executors.newFixedThreadPool(c.concurrency);
        for (int w = 0; w < c.concurrency; w++) {
            ex.submit(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stop.get() && System.nanoTime() < stopAt && next.getAndIncrement() < target) {
                    Http.Resp r;
                    if (rnd.nextBoolean()) {
                        Adv a = pool.get(rnd.nextInt(pool.size()));
                        String at = Instant.now().minusSeconds(rnd.nextLong(1, 300L * 86400)).toString();
                        r = seedCall(Http.Req.json("POST", c.gateway + "/api/touchpoints", tokens.any("programme-manager"),
                                "{\"advocateId\":\"" + a.id() + "\",\"type\":\"" + TOUCH_TYPES[rnd.nextInt(TOUCH_TYPES.length)]
                                        + "\",\"occurredAt\":\"" + at + "\",\"note\":\"bench history\"}"));
                        if (r.status() == 201) {
                            historyTouchpoints.incrementAndGet();
                            continue;
                        }
                    } else {
                        Adv a = historyPool.get(rnd.nextInt(historyPool.size()));
                        String activity = rnd.nextInt(10) < 6 ? "REFERENCE_CALL" : ACTIVITIES[rnd.nextInt(ACTIVITIES.length)];
                        r = seedCall(ask(a, activity));
                        if (r.status() == 201) {
                            historyAsks.incrementAndGet();
                            if (rnd.nextBoolean()) {
                                try {
                                    JsonNode created = JSON.readTree(r.body());
                                    if (!"AWAITING_OWNER".equals(created.path("status").asText())) {
                                        continue;
                                    }
                                    String askId = created.path("id").asText();
                                    Http.Resp s = http.call(Http.Req.json("POST", c.gateway + "/api/asks/" + askId + "/send",
                                            tokens.of(owner(a.row()), "owner"), "{\"channel\":\"VIDEO\",\"note\":\"bench\"}"));
                                    if (s.status() == 200) {
                                        historySent.incrementAndGet();
                                    }
                                } catch (Exception ignored) {
                                    // a failed send is not a history record; the ask is
                                }
                            }
                            continue;
                        }
                    }
                    if (failures.incrementAndGet() <= 3) {
                        firstErrors.add(r.status() + " " + cut(r.body()));
                    }
                    if (failures.get() > 100 && failures.get() * 10 > historySize() - from) {
                        stop.set(true); // mostly failing: stop rather than hammer
                    }
                }
                return null;
            });
        }
        ex.shutdown();
        long lastSize = from;
        long lastT = start;
        while (!ex.awaitTermination(10, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            long size = historySize();
            log("   ... %,d records (%,.0f/s over the last 10 s; %,d touchpoints, %,d asks, %,d sent; %d failed)", size,
                    (size - lastSize) / secs(now - lastT), historyTouchpoints.get(), historyAsks.get(), historySent.get(),
                    failures.get());
            lastSize = size;
            lastT = now;
        }
        double seconds = secs(System.nanoTime() - start);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("reached", historySize());
        m.put("touchpoints", historyTouchpoints.get());
        m.put("asks", historyAsks.get());
        m.put("asksSent", historySent.get());
        m.put("failed", failures.get());
        m.put("firstFailures", new ArrayList<>(firstErrors));
        m.put("seconds", seconds);
        m.put("recordsPerSecond", Math.round((historySize() - from) / Math.max(seconds, 1e-3)));
        m.put("clients", c.concurrency);
        log("   history %,d records after %.0f s (%,d/s)", historySize(), seconds, m.get("recordsPerSecond"));
        if (failures.get() > 0) {
            problem("history: " + failures.get() + " requests failed, e.g. " + firstErrors.peek());
        }
        return m;
    }

    // ============================================================================================
    // the workloads
    private void decisionWorkloads(long size) {
        ladder("GET /api/eligibility", size, i -> eligibility(c.gateway, randomAdv()), status(200), null);
        ladder("POST /api/asks", size, this::loadAsk, (r, res) -> {
            if (r.status() != 201) {
                return false;
            }
            JsonNode ask;
            try {
                ask = JSON.readTree(r.body());
            } catch (Exception e) {
                return false;
            }
            // the ask's own status (a blocked ask's evidence may name another ask that is AWAITING_OWNER)
            String st = ask.path("status").asText();
            if (st.equals("AWAITING_OWNER")) {
                res.outcome("routed");
                openRouted.add(ask.path("id").asText());
            } else {
                res.outcome(st.equals("BLOCKED") ? "blocked" : "other");
            }
            return true;
        }, this::prepareAsks);
    }

    /** 7 of 10 asks go to an advocate with no open ask (routed); 3 ask for an activity the advocate did not opt in to (blocked). */
    private Http.Req loadAsk(long i) {
        if (i % 10 < 7) {
            Adv a = routedPool.get(Math.floorMod(routedCursor.getAndIncrement(), routedPool.size()));
            return ask(a, "REFERENCE_CALL");
        }
        Adv a = routedPool.get(ThreadLocalRandom.current().nextInt(routedPool.size()));
        return ask(a, ACTIVITIES[1 + (a.row() + 1) % (ACTIVITIES.length - 1)]);
    }

    /** Before an ask step: if the advocates without an open ask would run out, cancel the bench's open asks (not timed). */
    private void prepareAsks(double rate, double seconds) {
        long needed = (long) Math.ceil(0.7 * rate * seconds * 1.05) + 10;
        if (routedCursor.get() + needed <= routedPool.size()) {
            return;
        }
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (String id; (id = openRouted.poll()) != null; ) {
            ids.add(id);
        }
        AtomicLong failed = new AtomicLong();
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(4, c.concurrency));
        for (String id : ids) {
            ex.submit(() -> {
                Http.Resp r = http.call(Http.Req.json("POST", c.gateway + "/api/asks/" + id + "/cancel",
                        tokens.any("programme-manager"), "{\"reason\":\"bench: frees the advocate for the next step\"}"));
                if (r.status() != 200) {
                    failed.incrementAndGet();
                }
            });
        }
        ex.shutdown();
        try {
            ex.awaitTermination(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        routedCursor.set(0);
        log("   (cancelled %,d open asks in %.1f s so that %,d advocates are free again; %d failed)", ids.size(),
                secs(System.nanoTime() - start), routedPool.size(), failed.get());
        if (needed > routedPool.size()) {
            warning(String.format("a step at %.0f/s needs %,d advocates without an open ask and the import has %,d: "
                    + "the routed share drops (see the step's outcomes)", rate, needed, routedPool.size()));
        }
    }

    interface Prepare {
        void before(double rate, double seconds);
    }

    private static OpenLoop.Check status(int s) {
        return (r, res) -> r.status() == s;
    }

    private Map<String, Object> baselinePing(long size) {
        Http.Resp probe = http.call(Http.Req.get(c.gateway + "/api/ops/ping", tokens.any("programme-manager")));
        if (probe.status() == 204 || probe.status() == 200) {
            int s = probe.status();
            Map<String, Object> w = ladder("GET /api/ops/ping (no-op)", size, i -> Http.Req.get(c.gateway + "/api/ops/ping",
                    tokens.any("programme-manager")), status(s), null);
            w.put("endpoint", "GET /api/ops/ping");
            return w;
        }
        log("   (GET /api/ops/ping answered %d: the no-op baseline falls back to GET /api/policy through the gateway)",
                probe.status());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", "GET /api/policy (fallback: /api/ops/ping answered " + probe.status() + ")");
        m.put("sameAs", "GET /api/policy (gateway)");
        return m;
    }

    /** Open-loop steps at the configured rates until one breaks (p99 above the limit, an error, or the rate not reached). */
    private Map<String, Object> ladder(String name, long historySize, LongFunction<Http.Req> requests, OpenLoop.Check check,
                                       Prepare prepare) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", name);
        w.put("historySize", historySize);
        List<Map<String, Object>> steps = new ArrayList<>();
        w.put("steps", steps);
        workloads.add(w);
        OpenLoop loop = new OpenLoop(http, c.maxInFlight);
        log("-- %s (history %,d): open loop, %.0f s steps, break at p99 > %.0f ms or any error", name, historySize,
                c.stepSeconds, c.p99Ms);
        if (c.warmupSeconds > 0) {
            if (prepare != null) {
                prepare.before(c.rates.get(0), c.warmupSeconds);
            }
            loop.run(c.rates.get(0), c.warmupSeconds, requests, check);
        }
        Double sustained = null;
        String broke = "every rate held";
        for (double rate : c.rates) {
            if (prepare != null) {
                prepare.before(rate, c.stepSeconds);
            }
            pause();
            Map<String, Procs.Sample> before = procs.sample();
            stats.reset();
            OpenLoop.Result res = loop.run(rate, c.stepSeconds, requests, check);
            Map<String, Procs.Sample> after = procs.sample();
            Map<String, Object> q = stats.read();
            Map<String, Object> s = step(res, before, after, q);
            steps.add(s);
            String reason = null;
            if (res.errors.sum() > 0) {
                reason = res.errors.sum() + " errors, e.g. " + res.firstError;
            } else if (res.ms(99) > c.p99Ms) {
                reason = String.format("p99 %.1f ms > %.0f ms", res.ms(99), c.p99Ms);
            } else if (res.achievedRate() < 0.95 * rate) {
                reason = String.format("achieved %.0f/s of %.0f/s", res.achievedRate(), rate);
            }
            s.put("held", reason == null);
            log("   %6.0f/s: %s  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms  %,d ok %,d err %s%s", rate,
                    String.format("%5.0f/s", res.achievedRate()), res.ms(50), res.ms(90), res.ms(99), res.ms(100), res.ok.sum(),
                    res.errors.sum(), res.outcomes.isEmpty() ? "" : res.outcomes + " ",
                    reason == null ? "" : "BREAKS: " + reason);
            if (reason != null) {
                s.put("breaks", reason);
                broke = String.format("at %.0f/s: %s", rate, reason);
                break;
            }
            sustained = rate;
        }
        w.put("maxSustainedRate", sustained);
        w.put("breaks", broke);
        return w;
    }

    private Map<String, Object> step(OpenLoop.Result res, Map<String, Procs.Sample> before, Map<String, Procs.Sample> after,
                                     Map<String, Object> q) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rate", res.intendedRate);
        s.put("seconds", res.seconds);
        s.put("sent", res.sent.sum());
        s.put("ok", res.ok.sum());
        s.put("errors", res.errors.sum());
        s.put("achievedRate", round1(res.achievedRate()));
        Map<String, Long> st = new LinkedHashMap<>();
        res.statuses.forEach((k, v) -> st.put(k, v.sum()));
        s.put("statuses", st);
        if (!res.outcomes.isEmpty()) {
            Map<String, Long> o = new LinkedHashMap<>();
            res.outcomes.forEach((k, v) -> o.put(k, v.sum()));
            s.put("outcomes", o);
        }
        s.put("latencyMs", percentiles(res.latency));
        s.put("serviceTimeMs", percentiles(res.serviceTime));
        s.put("maxSendLagMs", round1(res.maxLagMicros.get() / 1000.0));
        if (res.firstError != null) {
            s.put("firstError", res.firstError);
        }
        Map<String, Double> cpu = cpuDelta(before, after);
        s.put("cpuSeconds", cpu);
        double system = cpu.entrySet().stream().filter(e -> !e.getKey().equals("load-generator"))
                .mapToDouble(Map.Entry::getValue).filter(v -> v >= 0).sum();
        s.put("cpuSecondsSystem", round3(system));
        s.put("cpuSecondsPer1000Requests", res.ok.sum() > 0 ? round3(system / res.ok.sum() * 1000) : null);
        s.put("rssMegabytes", rss(after));
        s.put("queryStats", queryDerived(q, res.ok.sum()));
        return s;
    }

    private Map<String, Object> queryDerived(Map<String, Object> q, long requests) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (q == null) {
            m.put("available", false);
            m.put("why", stats.unavailable());
            return m;
        }
        m.put("available", true);
        Map<?, ?> totals = q.get("totals") instanceof Map<?, ?> t ? t : Map.of();
        m.put("totals", totals);
        long examined = num(totals.get("docsExamined"));
        m.put("docsExaminedPerRequest", requests > 0 ? round3((double) examined / requests) : null);
        Map<String, Long> perDb = new LinkedHashMap<>();
        if (q.get("byNamespace") instanceof Map<?, ?> ns) {
            ns.forEach((k, v) -> {
                String db = String.valueOf(k).split("\\.", 2)[0];
                long e = v instanceof Map<?, ?> vm ? num(vm.get("docsExamined")) : 0;
                perDb.merge(db, e, Long::sum);
            });
        }
        m.put("docsExaminedByDatabase", perDb);
        Long ask = perDb.get("rapport-asks");
        m.put("askServiceDocsExaminedPerRequest", ask != null && requests > 0 ? round3((double) ask / requests) : null);
        m.put("byNamespace", q.get("byNamespace"));
        m.put("scans", q.get("scans"));
        return m;
    }

    private double askLoadRate() {
        for (int i = workloads.size() - 1; i >= 0; i--) {
            if ("POST /api/asks".equals(workloads.get(i).get("name")) && workloads.get(i).get("maxSustainedRate") != null) {
                return Math.min(500, (Double) workloads.get(i).get("maxSustainedRate"));
            }
        }
        return c.rates.get(0);
    }

    // ============================================================================================
    // propagation: POST a leave, poll the dry run until ON_LEAVE
    private Map<String, Object> propagation(long size, boolean underLoad, double loadRate) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("historySize", size);
        log("-- propagation POST /api/advocates/{id}/leaves -> dry run answers ON_LEAVE (%d samples, %s)",
                c.propagationSamples, underLoad ? String.format("under POST /api/asks at %.0f/s", loadRate) : "idle");
        AtomicBoolean stop = new AtomicBoolean();
        Future<OpenLoop.Result> load = null;
        ExecutorService ex = Executors.newSingleThreadExecutor();
        if (underLoad) {
            prepareAsks(loadRate, c.propagationSamples * 1.0 + 10);
            OpenLoop loop = new OpenLoop(http, c.maxInFlight);
            load = ex.submit(() -> loop.run(loadRate, 3600, this::loadAsk, (r, res) -> r.status() == 201, stop));
            Thread.sleep(1000);
            m.put("askLoadRate", loadRate);
        }
        Histogram fromPost = new Histogram(120_000_000L, 3);
        Histogram fromAnswer = new Histogram(120_000_000L, 3);
        Histogram postTime = new Histogram(120_000_000L, 3);
        int missed = 0;
        for (int i = 0; i < c.propagationSamples; i++) {
            Adv a = leavePool.get(Math.floorMod(leaveCursor.getAndIncrement(), leavePool.size()));
            long start = System.nanoTime();
            Http.Resp r = http.call(Http.Req.json("POST", c.gateway + "/api/advocates/" + a.id() + "/leaves",
                    tokens.any("programme-manager"), "{\"from\":\"" + today + "\",\"to\":\"" + today.plusDays(3)
                            + "\",\"reason\":\"bench propagation\"}"));
            long answered = System.nanoTime();
            if (r.status() != 201) {
                missed++;
                problem("propagation: POST leaves answered " + r.status() + ": " + cut(r.body()));
                continue;
            }
            boolean seen = false;
            long deadline = answered + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                Http.Resp e = http.call(eligibility(c.gateway, a));
                if (e.status() == 200 && e.body().contains("ON_LEAVE")) {
                    seen = true;
                    break;
                }
                Thread.sleep(5);
            }
            long end = System.nanoTime();
            if (!seen) {
                missed++;
                continue;
            }
            fromPost.recordValue((end - start) / 1000);
            fromAnswer.recordValue((end - answered) / 1000);
            postTime.recordValue((answered - start) / 1000);
            Thread.sleep(50);
        }
        stop.set(true);
        if (load != null) {
            OpenLoop.Result lr = load.get(60, TimeUnit.SECONDS);
            m.put("askLoad", Map.of("sent", lr.sent.sum(), "ok", lr.ok.sum(), "errors", lr.errors.sum(), "p99Ms",
                    round1(lr.ms(99))));
        }
        ex.shutdown();
        m.put("samples", fromPost.getTotalCount());
        m.put("notSeenWithin30s", missed);
        m.put("postSentToOnLeaveMs", percentiles(fromPost));
        m.put("postAnsweredToOnLeaveMs", percentiles(fromAnswer));
        m.put("postLeaveMs", percentiles(postTime));
        m.put("pollEveryMs", 5);
        log("   POST sent -> ON_LEAVE: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples, %d not seen)",
                fromPost.getValueAtPercentile(50) / 1000.0, fromPost.getValueAtPercentile(99) / 1000.0,
                fromPost.getMaxValue() / 1000.0, fromPost.getTotalCount(), missed);
        if (missed > 0) {
            problem("propagation: " + missed + " leaves did not reach the gate within 30 s");
        }
        return m;
    }

    // ============================================================================================
    // Kafka's own producer performance tool, as a child JVM on this classpath
    private Map<String, Object> producerPerformance() {
        Map<String, Object> m = new LinkedHashMap<>();
        String topic = "bench-producer-perf-" + run;
        m.put("tool", "org.apache.kafka.tools.ProducerPerformance (kafka-tools)");
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.kafka);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            m.put("error", "could not create " + topic + ": " + e);
            problem("Kafka producer performance: " + e);
            return m;
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", String.valueOf(c.producerRecords), "--record-size", "512", "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + c.kafka, "acks=all", "linger.ms=5");
        m.put("command", String.join(" ", cmd.subList(4, cmd.size())));
        log("-- Kafka ProducerPerformance: %,d records of 512 bytes, acks=all, as fast as it goes", c.producerRecords);
        try {
            Map<String, Procs.Sample> before = procs.sample();
            Path output = Files.createTempFile("producer-performance", ".txt");
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!proc.waitFor(300, TimeUnit.SECONDS)) {
                proc.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                warning("ProducerPerformance did not finish within 300 s and was stopped");
            }
            String last = null;
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                if (line.contains("records sent")) {
                    last = line;
                }
            }
            Files.deleteIfExists(output);
            m.put("cpuSeconds", cpuDelta(before, procs.sample()));
            m.put("output", last);
            if (last == null) {
                problem("ProducerPerformance printed no summary (exit " + (proc.isAlive() ? "none" : proc.exitValue()) + ")");
                return m;
            }
            // "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, p50 ms 50th, ..."
            java.util.regex.Matcher x = java.util.regex.Pattern.compile(
                    "([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency"
                            + "(?:, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th)?").matcher(last);
            if (x.find()) {
                m.put("recordsPerSecond", Double.parseDouble(x.group(1)));
                m.put("megabytesPerSecond", Double.parseDouble(x.group(2)));
                m.put("avgLatencyMs", Double.parseDouble(x.group(3)));
                m.put("maxLatencyMs", Double.parseDouble(x.group(4)));
                if (x.group(5) != null) {
                    m.put("p50Ms", Double.parseDouble(x.group(5)));
                    m.put("p99Ms", Double.parseDouble(x.group(7)));
                }
            }
            log("   %s", last);
        } catch (Exception e) {
            m.put("error", e.toString());
            problem("Kafka producer performance: " + e);
        }
        try (Admin admin = Admin.create(p)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // left behind: harmless
        }
        return m;
    }

    // ============================================================================================
    // the gateway's overhead and the targets
    /**
     * Issue 10's own measure of the gateway's overhead: closed loop at saturation ({@code wrk -c 16}
     * style), GET /api/policy through the gateway and direct, in rounds whose order alternates
     * (gateway first, then direct first, ...) so that a drift of the machine's speed during the
     * run weighs on both sides alike. Each round's ratio compares two runs taken back to back; the
     * figures are the medians over the rounds.
     */
    private Map<String, Object> saturation() throws InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", String.format("closed loop, %d connections, %.0f s per run, %d rounds alternating which side goes "
                + "first; medians over the rounds", c.overheadConnections, c.stepSeconds, c.overheadRounds));
        java.util.function.Supplier<Http.Req> viaGateway = () -> Http.Req.get(c.gateway + "/api/policy", tokens.any("requester"));
        java.util.function.Supplier<Http.Req> direct = () -> Http.Req.get(c.askService + "/api/policy", tokens.any("requester"));
        log("-- GET /api/policy at saturation: closed loop, %d connections, %d rounds of gateway and direct",
                c.overheadConnections, c.overheadRounds);
        ClosedLoop.run(http, c.overheadConnections, c.warmupSeconds, viaGateway, 200); // warm-up, not recorded
        ClosedLoop.run(http, c.overheadConnections, c.warmupSeconds, direct, 200);
        List<Map<String, Object>> rounds = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> p99Differences = new ArrayList<>();
        List<Double> gwRates = new ArrayList<>();
        List<Double> directRates = new ArrayList<>();
        for (int r = 0; r < c.overheadRounds; r++) {
            Map<String, Object> g;
            Map<String, Object> d;
            pause();
            if (r % 2 == 0) {
                g = ClosedLoop.run(http, c.overheadConnections, c.stepSeconds, viaGateway, 200);
                pause();
                d = ClosedLoop.run(http, c.overheadConnections, c.stepSeconds, direct, 200);
            } else {
                d = ClosedLoop.run(http, c.overheadConnections, c.stepSeconds, direct, 200);
                pause();
                g = ClosedLoop.run(http, c.overheadConnections, c.stepSeconds, viaGateway, 200);
            }
            double gr = (Double) g.get("requestsPerSecond");
            double dr = (Double) d.get("requestsPerSecond");
            @SuppressWarnings("unchecked")
            double gp = ((Map<String, Double>) g.get("latencyMs")).get("p99");
            @SuppressWarnings("unchecked")
            double dp = ((Map<String, Double>) d.get("latencyMs")).get("p99");
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("first", r % 2 == 0 ? "gateway" : "direct");
            round.put("gateway", g);
            round.put("direct", d);
            round.put("throughputRatio", dr > 0 ? round3(gr / dr) : null);
            round.put("p99DifferenceMs", round1(gp - dp));
            rounds.add(round);
            gwRates.add(gr);
            directRates.add(dr);
            if (dr > 0) {
                ratios.add(gr / dr);
            }
            p99Differences.add(gp - dp);
            log("   round %d: gateway %.0f/s p99 %.1f ms, direct %.0f/s p99 %.1f ms: ratio %.3f, p99 %+.1f ms (errors %s/%s)",
                    r + 1, gr, gp, dr, dp, dr > 0 ? gr / dr : Double.NaN, gp - dp, g.get("errors"), d.get("errors"));
        }
        m.put("rounds", rounds);
        m.put("gatewayRequestsPerSecond", round1(ClosedLoop.median(gwRates)));
        m.put("directRequestsPerSecond", round1(ClosedLoop.median(directRates)));
        m.put("throughputRatio", ratios.isEmpty() ? null : round3(ClosedLoop.median(ratios)));
        m.put("p99DifferenceMs", round1(ClosedLoop.median(p99Differences)));
        return m;
    }

    private Map<String, Object> overhead(Map<String, Object> gw, Map<String, Object> direct, Map<String, Object> saturation) {
        Map<String, Object> m = new LinkedHashMap<>();
        Double g = (Double) gw.get("maxSustainedRate");
        Double d = (Double) direct.get("maxSustainedRate");
        m.put("endpoint", "GET /api/policy");
        m.put("saturation", saturation);
        m.put("gatewayMaxSustainedRate", g);
        m.put("directMaxSustainedRate", d);
        m.put("throughputRatio", g != null && d != null ? round3(g / d) : null);
        Double common = g == null || d == null ? null : Math.min(g, d);
        if (common != null) {
            double pg = p99At(gw, common);
            double pd = p99At(direct, common);
            m.put("atRate", common);
            m.put("gatewayP99Ms", pg);
            m.put("directP99Ms", pd);
            m.put("p99DifferenceMs", round1(pg - pd));
        }
        m.put("note", "the targets are judged on 'saturation' (issue 10's method); the open-loop fields are the two ladders: "
                + "same rates, same in-flight cap, a ratio only as fine as the rate ladder");
        return m;
    }

    @SuppressWarnings("unchecked")
    private static double p99At(Map<String, Object> w, double rate) {
        for (Map<String, Object> s : (List<Map<String, Object>>) w.get("steps")) {
            if (((Double) s.get("rate")) == rate) {
                return ((Map<String, Double>) s.get("latencyMs")).get("p99");
            }
        }
        return Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> targets() {
        List<Map<String, Object>> t = new ArrayList<>();
        Map<String, Object> imp = (Map<String, Object>) report.get("import");
        if (imp != null) {
            target(t, "100,000-row import: DONE ≤ 60 s", imp.get("doneSeconds") == null ? null
                    : String.format("%.1f s for %,d rows", imp.get("doneSeconds"), imp.get("rows")),
                    imp.get("doneSeconds") == null ? null : ((Integer) imp.get("rows")) >= 100_000
                            ? (Double) imp.get("doneSeconds") <= 60 : null);
            Map<String, Object> p = (Map<String, Object>) imp.get("projectionsHoldLastRowSecondsAfterDone");
            if (p != null) {
                for (String k : List.of("askService", "touchpointService", "gatewayReadModel")) {
                    Double v = (Double) p.get(k);
                    target(t, "import: " + k + " holds the last row ≤ 30 s after DONE", waited(p, k, v),
                            p.containsKey(k) ? (Boolean) (v != null && v <= 30) : null);
                }
            }
            Map<?, ?> every = (Map<?, ?>) imp.get("projectionsHoldEveryRowSecondsAfterDone");
            if (every != null) {
                for (String k : List.of("ask-service", "touchpoint-service", "gateway")) {
                    Double v = (Double) every.get(k);
                    target(t, "import: " + k + " holds every row ≤ 30 s after DONE (consumer lag 0)",
                            waited(every, k, v), every.containsKey(k) ? (Boolean) (v != null && v <= 30) : null);
                }
            }
        }
        for (String w : List.of("GET /api/eligibility", "POST /api/asks")) {
            List<Map<String, Object>> two = workloads.stream().filter(x -> w.equals(x.get("name"))).toList();
            if (two.size() == 2) {
                Double r0 = (Double) two.get(0).get("maxSustainedRate");
                Double r1 = (Double) two.get(1).get("maxSustainedRate");
                double rate = r0 == null || r1 == null ? c.rates.get(0) : Math.min(r0, r1);
                double a = p99At(two.get(0), rate);
                double b = p99At(two.get(1), rate);
                double change = (b - a) / a * 100;
                target(t, w + ": p99 changes ≤ ±20% from " + String.format("%,d", two.get(0).get("historySize")) + " to "
                                + String.format("%,d", two.get(1).get("historySize")) + " history records",
                        String.format("p99 at %.0f/s: %.1f ms -> %.1f ms (%+.0f%%)", rate, a, b, change),
                        Double.isNaN(change) ? null : Math.abs(change) <= 20);
                for (Map<String, Object> one : two) {
                    Object per = docsPerRequestAt(one, rate);
                    target(t, w + ": ≤ 5 documents examined per decision at " + String.format("%,d", one.get("historySize")),
                            per == null ? (stats.unavailable() != null ? "n/a (no rapportQueryStats: " + stats.unavailable() + ")"
                                    : "n/a (no request succeeded at that rate)") : per + " in ask-service's database per request at "
                                    + String.format("%.0f/s", rate), per == null ? null : ((Double) per) <= 5);
                }
            }
        }
        Map<String, Object> asks = last("POST /api/asks");
        if (asks != null) {
            Double r = (Double) asks.get("maxSustainedRate");
            target(t, "POST /api/asks: ≥ 500/s sustained, p99 ≤ 100 ms, zero errors",
                    (r == null ? "no step held" : String.format("held up to %.0f/s", r)) + " (limit p99 ≤ " + c.p99Ms
                            + " ms); " + asks.get("breaks"), r != null && r >= 500 && c.p99Ms <= 100);
            target(t, "POST /api/asks: the mark, 1,000/s at p99 ≤ 50 ms", mark(asks), mark(asks).startsWith("yes"));
        }
        Map<String, Object> prop = (Map<String, Object>) report.get("propagation");
        if (prop != null) {
            for (String k : List.of("idle", "underAskLoad")) {
                Map<String, Object> p = (Map<String, Object>) prop.get(k);
                if (p != null) {
                    Map<String, Double> ms = (Map<String, Double>) p.get("postSentToOnLeaveMs");
                    target(t, "propagation (" + k + "): p99 ≤ 250 ms", String.format("p50 %.1f ms, p99 %.1f ms (n=%s)%s",
                            ms.get("p50"), ms.get("p99"), p.get("samples"), p.get("askLoadRate") == null ? ""
                                    : String.format(", asks at %.0f/s", p.get("askLoadRate"))), ms.get("p99") <= 250
                            && ((Number) p.get("samples")).longValue() > 0);
                }
            }
        }
        Map<String, Double> peak = peakRss();
        if (!peak.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            boolean ok = true;
            for (var e : peak.entrySet()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(Math.round(e.getValue())).append(" MB");
                ok &= e.getValue() <= 256;
            }
            target(t, "each service ≤ 256 MB RSS under load (peak over the steps)", sb.toString(), ok);
        }
        Map<String, Object> o = (Map<String, Object>) report.get("gatewayOverhead");
        if (o != null) {
            Map<String, Object> sat = (Map<String, Object>) o.get("saturation");
            Double ratio = sat == null ? null : (Double) sat.get("throughputRatio");
            Double diff = sat == null ? null : (Double) sat.get("p99DifferenceMs");
            target(t, "gateway overhead (GET /api/policy, closed loop at saturation): throughput ≥ 0.85 × direct",
                    ratio == null ? "n/a" : String.format("%.3f (median of %d rounds: %s/s vs %s/s; open-loop ladders: %s/s vs %s/s)",
                            ratio, ((List<?>) sat.get("rounds")).size(), sat.get("gatewayRequestsPerSecond"),
                            sat.get("directRequestsPerSecond"), o.get("gatewayMaxSustainedRate"), o.get("directMaxSustainedRate")),
                    ratio == null ? null : ratio >= 0.85);
            target(t, "gateway overhead: p99 ≤ direct + 5 ms (closed loop at saturation)", diff == null ? "n/a"
                    : String.format("%+.1f ms (median of the rounds' differences); open loop at %s/s: %s ms", diff,
                            o.get("atRate"), o.get("p99DifferenceMs")),
                    diff == null ? null : diff <= 5);
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Object docsPerRequestAt(Map<String, Object> w, double rate) {
        for (Map<String, Object> s : (List<Map<String, Object>>) w.get("steps")) {
            if (((Double) s.get("rate")) == rate) {
                return ((Map<String, Object>) s.get("queryStats")).get("askServiceDocsExaminedPerRequest");
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static String mark(Map<String, Object> asks) {
        for (Map<String, Object> s : (List<Map<String, Object>>) asks.get("steps")) {
            double p99 = ((Map<String, Double>) s.get("latencyMs")).get("p99");
            if ((Double) s.get("rate") >= 1000 && p99 <= 50 && ((Number) s.get("errors")).longValue() == 0) {
                return String.format("yes: %.0f/s at p99 %.1f ms", s.get("rate"), p99);
            }
        }
        return "not reached";
    }

    private Map<String, Object> last(String name) {
        for (int i = workloads.size() - 1; i >= 0; i--) {
            if (name.equals(workloads.get(i).get("name"))) {
                return workloads.get(i);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> peakRss() {
        Map<String, Double> peak = new LinkedHashMap<>();
        for (Map<String, Object> w : workloads) {
            for (Map<String, Object> s : (List<Map<String, Object>>) w.get("steps")) {
                ((Map<String, Double>) s.get("rssMegabytes")).forEach((k, v) -> {
                    if (!k.equals("load-generator") && !k.equals("kafka") && !k.equals("mongo") && v != null && v >= 0) {
                        peak.merge(k, v, Math::max);
                    }
                });
            }
        }
        return peak;
    }

    private static void target(List<Map<String, Object>> t, String what, String measured, Boolean met) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", what);
        m.put("measured", measured);
        m.put("met", met);
        t.add(m);
    }

    // ============================================================================================
    // output
    private void write() {
        try {
            Path out = c.out;
            if (out == null) {
                String date = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC).format(Instant.now());
                out = c.root.resolve("bench/results").resolve(date + "-" + report.get("revision") + ".json");
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, JSON.writeValueAsString(report));
            String md = Markdown.render(report);
            Path mdFile = out.resolveSibling(out.getFileName().toString().replaceAll("\\.json$", "") + ".md");
            Files.writeString(mdFile, md);
            System.out.println();
            System.out.println(md);
            log("report: %s (and %s)", out, mdFile.getFileName());
            report.put("reportFile", out.toString());
        } catch (Exception e) {
            System.err.println("could not write the report: " + e);
        }
    }

    // ============================================================================================
    // requests and data
    private Http.Req eligibility(String base, Adv a) {
        return Http.Req.get(base + "/api/eligibility?advocateId=" + a.id() + "&activity=REFERENCE_CALL",
                tokens.any("requester"));
    }

    private Http.Req ask(Adv a, String activity) {
        return Http.Req.json("POST", c.gateway + "/api/asks", tokens.any("requester"), "{\"advocateId\":\"" + a.id()
                + "\",\"activity\":\"" + activity + "\",\"dueBy\":\"" + today.plusDays(20)
                + "\",\"context\":{\"opportunity\":\"bench-" + run + "\",\"need\":\"A peer reference about a migration\"}}");
    }

    private Adv randomAdv() {
        return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
    }

    private String externalId(int row) {
        return "imp-" + run + "-" + row;
    }

    private String account(int row) {
        return "acc-" + run + "-" + (row / 4);
    }

    private String owner(int row) {
        return "u-bench-" + run + "-" + (row / ROWS_PER_OWNER);
    }

    /** The CSV: 12 columns, quoted titles with commas, 4 advocates per account, two activities per row (REFERENCE_CALL and one more). */
    byte[] csv(int rows) {
        StringBuilder sb = new StringBuilder(rows * 200);
        sb.append("externalId,name,email,title,accountId,accountName,industry,region,segment,ownerId,tags,activities\n");
        for (int i = 0; i < rows; i++) {
            int acc = i / 4;
            sb.append(externalId(i)).append(',')
                    .append("Bench ").append(run).append(' ').append(i).append(',')
                    .append("bench.").append(run).append('.').append(i).append("@example.com,")
                    .append(i % 3 == 0 ? "\"Director, Platform\"" : "Head of Data").append(',')
                    .append(account(i)).append(',')
                    .append("Company ").append(acc).append(',')
                    .append(INDUSTRIES[acc % INDUSTRIES.length]).append(',')
                    .append(REGIONS[acc % REGIONS.length]).append(',')
                    .append(i % 2 == 0 ? "Enterprise" : "Mid-market").append(',')
                    .append(owner(i)).append(',')
                    .append(TAGS[i % TAGS.length]).append(';').append(TAGS[(i / 7) % TAGS.length]).append(',')
                    .append("REFERENCE_CALL;").append(ACTIVITIES[1 + i % (ACTIVITIES.length - 1)]).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ============================================================================================
    // plumbing
    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    m.put("memoryMegabytes", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    /** {all jiffies, steal jiffies} of every CPU from /proc/stat, or null where there is none. */
    static long[] cpuTimes() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (Exception e) {
            return null;
        }
    }

    static String loadAverage() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            int i = s.indexOf("load average");
            return i >= 0 ? s.substring(i) : s;
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    private String git(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", c.root.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? s : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Map<String, Object> resources(Map<String, Procs.Sample> s) {
        Map<String, Object> m = new LinkedHashMap<>();
        s.forEach((k, v) -> m.put(k, Map.of("rssMegabytes", v.rssBytes() < 0 ? -1 : round1(v.rssBytes() / 1048576.0),
                "cpuSeconds", round3(v.cpuSeconds()))));
        return m;
    }

    private static Map<String, Double> rss(Map<String, Procs.Sample> s) {
        Map<String, Double> m = new LinkedHashMap<>();
        s.forEach((k, v) -> m.put(k, v.rssBytes() < 0 ? -1 : round1(v.rssBytes() / 1048576.0)));
        return m;
    }

    private static Map<String, Double> cpuDelta(Map<String, Procs.Sample> a, Map<String, Procs.Sample> b) {
        Map<String, Double> m = new LinkedHashMap<>();
        b.forEach((k, v) -> {
            Procs.Sample x = a.get(k);
            m.put(k, x == null || x.cpuSeconds() < 0 || v.cpuSeconds() < 0 ? -1 : round3(v.cpuSeconds() - x.cpuSeconds()));
        });
        return m;
    }

    static Map<String, Double> percentiles(Histogram live) {
        Histogram h = live.copy(); // a ConcurrentHistogram copies safely while a late answer is still being recorded
        Map<String, Double> m = new LinkedHashMap<>();
        boolean empty = h.getTotalCount() == 0;
        m.put("p50", empty ? 0 : round1(h.getValueAtPercentile(50) / 1000.0));
        m.put("p90", empty ? 0 : round1(h.getValueAtPercentile(90) / 1000.0));
        m.put("p99", empty ? 0 : round1(h.getValueAtPercentile(99) / 1000.0));
        m.put("p999", empty ? 0 : round1(h.getValueAtPercentile(99.9) / 1000.0));
        m.put("max", empty ? 0 : round1(h.getMaxValue() / 1000.0));
        m.put("mean", empty ? 0 : round1(h.getMean() / 1000.0));
        return m;
    }

    private void pause() {
        try {
            Thread.sleep((long) (c.pauseSeconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Worth knowing, does not make the run incomplete. */
    private void warning(String w) {
        warnings.add(w);
        log("   (warning) %s", w);
    }

    private void problem(String p) {
        problems.add(p);
        log("   ! %s", p);
    }

    private void log(String fmt, Object... args) {
        System.out.printf("[%5.0fs] %s%n", (System.nanoTime() - t0) / 1e9, String.format(fmt, args));
        System.out.flush();
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double secs(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
