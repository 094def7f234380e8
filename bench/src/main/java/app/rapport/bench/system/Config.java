package app.rapport.bench.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every knob of {@link SystemBench}; {@link #parse} reads the command line of {@code ./rapport bench}. */
public final class Config {
    public String gateway = "http://localhost:8080";
    public String askService = "http://localhost:8082";
    public String mongoUri = "mongodb://127.0.0.1:27017";
    public String kafka = "127.0.0.1:9092";
    public Path privateKey = Path.of(".rapport/keys/private.pem");
    public Path pidDir;
    public Map<String, Long> pids = new LinkedHashMap<>();
    public Path root = Path.of(".");
    public Path out;
    public String command = "SystemBench";
    public String stack = "local stack (./rapport up)";
    public boolean quick;

    public int importRows = 100_000;
    public long scale = 1_000_000;            // history records (touchpoints + asks) to reach
    public long historyFirst = 10_000;        // the first history size the decisions are measured at
    public double historyMinutes = 45;        // cap on seeding history
    public int concurrency = 16;              // closed-loop seeding clients
    public double stepSeconds = 30;
    public double warmupSeconds = 5;
    public double pauseSeconds = 3;
    public List<Double> rates = new ArrayList<>(List.of(25.0, 50.0, 100.0, 200.0, 350.0, 500.0, 750.0, 1000.0, 1500.0, 2000.0));
    public double p99Ms = 100;
    public int maxInFlight = 256;
    public int overheadConnections = 16;       // closed-loop clients for the gateway-overhead rounds (issue 10: wrk -c 16)
    public int overheadRounds = 3;
    public int propagationSamples = 40;
    public long producerRecords = 500_000;
    public double projectionTimeoutSeconds = 600;
    public double requestTimeoutSeconds = 10;
    public int tokenSubs = 400;

    static final String USAGE = """
            usage: SystemBench [options]   (normally through ./rapport bench; see docs/benchmarks.md)
              --quick                 a short run (~5 min): 2,000-row import, 4,000 history records, 5 s steps
              --scale N               history records to seed, touchpoints + asks (default 1,000,000)
              --import-rows N         rows of the CSV import (default 100,000)
              --history-first N       the first history size the decisions are measured at (default 10,000)
              --history-minutes M     stop seeding history after M minutes, report the size reached (default 45)
              --concurrency N         seeding clients (default 16)
              --step-seconds S        length of one load step (default 30; --quick 5)
              --warmup-seconds S      unrecorded warm-up before each workload (default 5)
              --rates R1,R2,...       the rising request rates per second (default 25,50,100,200,350,500,750,1000,1500,2000)
              --p99-ms MS             a step breaks when its p99 exceeds this or any request fails (default 100)
              --max-in-flight N       connections/requests in flight per workload (default 256)
              --overhead-connections N   closed-loop clients of the gateway-overhead rounds (default 16)
              --overhead-rounds N     rounds of gateway and direct at saturation, alternating order (default 3)
              --propagation N         leave->ON_LEAVE samples, idle and under load each (default 40)
              --producer-records N    records for Kafka's ProducerPerformance (default 500,000)
              --out FILE              the JSON report (default bench/results/<date>-<rev>.json; a .md beside it)
              --gateway URL --ask-service URL --mongo URI --kafka HOST:PORT --key PEM --pid-dir DIR --root DIR
              --command TEXT --stack TEXT   recorded in the report
            """;

    public static Config parse(String[] args) {
        Config c = new Config();
        for (String a : args) {
            if (a.equals("--quick")) {
                c.quick();
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--quick" -> {
                    continue;
                }
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> {
                }
            }
            if (v == null) {
                throw new IllegalArgumentException("option " + a + " needs a value\n" + USAGE);
            }
            i++;
            switch (a) {
                case "--scale" -> c.scale = Long.parseLong(v.replace("_", "").replace(",", ""));
                case "--import-rows" -> c.importRows = Integer.parseInt(v.replace("_", "").replace(",", ""));
                case "--history-first" -> c.historyFirst = Long.parseLong(v.replace("_", "").replace(",", ""));
                case "--history-minutes" -> c.historyMinutes = Double.parseDouble(v);
                case "--concurrency" -> c.concurrency = Integer.parseInt(v);
                case "--step-seconds" -> c.stepSeconds = Double.parseDouble(v);
                case "--warmup-seconds" -> c.warmupSeconds = Double.parseDouble(v);
                case "--pause-seconds" -> c.pauseSeconds = Double.parseDouble(v);
                case "--rates" -> {
                    c.rates = new ArrayList<>();
                    for (String r : v.split(",")) {
                        c.rates.add(Double.parseDouble(r.trim()));
                    }
                }
                case "--p99-ms" -> c.p99Ms = Double.parseDouble(v);
                case "--max-in-flight" -> c.maxInFlight = Integer.parseInt(v);
                case "--overhead-connections" -> c.overheadConnections = Integer.parseInt(v);
                case "--overhead-rounds" -> c.overheadRounds = Integer.parseInt(v);
                case "--propagation" -> c.propagationSamples = Integer.parseInt(v);
                case "--producer-records" -> c.producerRecords = Long.parseLong(v.replace("_", "").replace(",", ""));
                case "--projection-timeout" -> c.projectionTimeoutSeconds = Double.parseDouble(v);
                case "--out" -> c.out = Path.of(v);
                case "--gateway" -> c.gateway = v;
                case "--ask-service" -> c.askService = v;
                case "--mongo" -> c.mongoUri = v;
                case "--kafka" -> c.kafka = v;
                case "--key" -> c.privateKey = Path.of(v);
                case "--pid-dir" -> c.pidDir = Path.of(v);
                case "--root" -> c.root = Path.of(v);
                case "--command" -> c.command = v;
                case "--stack" -> c.stack = v;
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (c.overheadConnections < 1 || c.overheadRounds < 1) {
            throw new IllegalArgumentException("--overhead-connections and --overhead-rounds must be at least 1\n" + USAGE);
        }
        if (c.historyFirst > c.scale) {
            c.historyFirst = Math.max(1, c.scale / 10);
        }
        return c;
    }

    public Config quick() {
        quick = true;
        importRows = 2_000;
        scale = 4_000;
        historyFirst = 1_000;
        historyMinutes = 5;
        stepSeconds = 5;
        warmupSeconds = 2;
        pauseSeconds = 1;
        rates = new ArrayList<>(List.of(25.0, 50.0, 100.0, 200.0, 400.0, 800.0));
        propagationSamples = 10;
        producerRecords = 50_000;
        projectionTimeoutSeconds = 180;
        return this;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quick", quick);
        m.put("importRows", importRows);
        m.put("scale", scale);
        m.put("historyFirst", historyFirst);
        m.put("historyMinutes", historyMinutes);
        m.put("concurrency", concurrency);
        m.put("stepSeconds", stepSeconds);
        m.put("warmupSeconds", warmupSeconds);
        m.put("rates", rates);
        m.put("p99LimitMs", p99Ms);
        m.put("maxInFlight", maxInFlight);
        m.put("overheadConnections", overheadConnections);
        m.put("overheadRounds", overheadRounds);
        m.put("propagationSamples", propagationSamples);
        m.put("producerRecords", producerRecords);
        m.put("requestTimeoutSeconds", requestTimeoutSeconds);
        m.put("gateway", gateway);
        m.put("askService", askService);
        m.put("mongo", mongoUri);
        m.put("kafka", kafka);
        return m;
    }
}
