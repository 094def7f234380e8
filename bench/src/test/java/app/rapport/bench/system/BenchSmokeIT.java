package app.rapport.bench.system;

import app.rapport.testing.PackagedStack;
import app.rapport.testing.TestInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@code ./rapport bench} from rotting: the whole {@link SystemBench}, every phase and every
 * workload, for about a second each at 10 requests/s, with a 40-row import and 60 history records,
 * against the packaged services ({@link PackagedStack}, free ports). It asserts that the report is
 * complete and well formed and that every request succeeded; it never asserts a speed (those are
 * the bench's figures, not a test's).
 */
class BenchSmokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyWorkloadRunsAndTheReportIsComplete() throws Exception {
        PackagedStack stack = PackagedStack.get();
        TestInfrastructure infra = TestInfrastructure.get();
        Path root = Path.of(System.getProperty("rapport.root", "..")).toAbsolutePath().normalize();
        Path out = Path.of("target", "bench-smoke", "report.json").toAbsolutePath();
        Files.deleteIfExists(out);

        Config c = new Config();
        c.gateway = stack.gatewayUrl();
        c.askService = stack.url("ask-service");
        c.mongoUri = infra.mongoConnectionString();
        c.kafka = infra.kafkaBootstrapServers();
        c.privateKey = stack.workDirectory().resolve("keys/private.pem");
        c.pids = servicePids();
        c.root = root;
        c.out = out;
        c.command = "BenchSmokeIT";
        c.stack = "packaged services on free ports, embedded broker and Mongo in the test JVM";
        c.importRows = 40;
        c.scale = 60;
        c.historyFirst = 20;
        c.historyMinutes = 2;
        c.concurrency = 4;
        c.stepSeconds = 1;
        c.warmupSeconds = 0;
        c.pauseSeconds = 0;
        c.rates = new ArrayList<>(List.of(10.0));
        c.p99Ms = 60_000; // no speed is judged here: a step only "breaks" on an error
        c.propagationSamples = 2;
        c.producerRecords = 2_000;
        c.projectionTimeoutSeconds = 90;
        c.tokenSubs = 4;
        c.overheadConnections = 4;
        c.overheadRounds = 2;

        new SystemBench(c).run();

        JsonNode r = JSON.readTree(out.toFile());
        assertEquals("rapport-bench/1", r.path("schema").asText());
        assertEquals(List.of(), JSON.convertValue(r.path("problems"), List.class), "problems during the run");
        assertTrue(r.path("completed").asBoolean());
        assertTrue(r.path("machine").path("nproc").asInt() > 0);
        assertFalse(r.path("machine").path("loadBefore").asText().isBlank());
        assertFalse(r.path("machine").path("loadAfter").asText().isBlank());
        assertFalse(r.path("revision").asText().isBlank());
        assertEquals("BenchSmokeIT", r.path("command").asText());

        JsonNode imp = r.path("import");
        assertEquals(40, imp.path("created").asInt());
        assertTrue(imp.path("doneSeconds").asDouble() > 0);
        for (String p : List.of("askService", "touchpointService", "gatewayReadModel")) {
            assertTrue(imp.path("projectionsHoldLastRowSecondsAfterDone").path(p).isNumber(), p + " never held the last row");
        }
        assertEquals(40, r.path("advocatePool").path("advocates").asInt());
        JsonNode history = r.path("history");
        assertEquals(2, history.size());
        assertTrue(history.get(0).path("reached").asLong() >= 20);
        assertTrue(history.get(1).path("reached").asLong() >= 60);

        List<String> names = new ArrayList<>();
        for (JsonNode w : r.path("workloads")) {
            names.add(w.path("name").asText());
            assertTrue(w.path("steps").size() >= 1, w.path("name").asText());
            for (JsonNode s : w.path("steps")) {
                String what = w.path("name").asText() + " at " + s.path("rate").asDouble() + "/s: " + s.path("firstError").asText();
                assertEquals(0, s.path("errors").asLong(), what);
                assertTrue(s.path("ok").asLong() >= 5, what);
                assertTrue(s.path("latencyMs").path("p99").asDouble() > 0, what);
                assertTrue(s.path("latencyMs").path("p99").asDouble() >= s.path("latencyMs").path("p50").asDouble(), what);
                assertTrue(s.path("rssMegabytes").path("gateway").asDouble() > 0, what);
                assertTrue(s.path("cpuSeconds").has("ask-service"), what);
                assertTrue(s.path("queryStats").has("available"), what);
                assertTrue(s.path("held").asBoolean(), what);
            }
        }
        for (String w : List.of("GET /api/eligibility", "POST /api/asks")) {
            assertEquals(2, names.stream().filter(w::equals).count(), w + " at both history sizes: " + names);
        }
        assertTrue(names.containsAll(List.of("GET /api/policy (gateway)", "GET /api/policy (ask-service direct)",
                "GET /api/eligibility (ask-service direct)", "GET /api/advocates/{id}/timeline", "GET /api/advocates/{id}/360")),
                names.toString());
        for (JsonNode w : r.path("workloads")) {
            if (w.path("name").asText().equals("POST /api/asks")) {
                JsonNode o = w.path("steps").get(0).path("outcomes");
                assertTrue(o.path("routed").asLong() > 0 && o.path("blocked").asLong() > 0, "asks mix: " + o);
            }
        }

        JsonNode prop = r.path("propagation");
        for (String p : List.of("idleAtFirstHistory", "idle", "underAskLoad")) {
            assertEquals(2, prop.path(p).path("samples").asInt(), p);
            assertTrue(prop.path(p).path("postSentToOnLeaveMs").path("p99").asDouble() > 0, p);
        }
        assertTrue(r.path("gatewayOverhead").path("throughputRatio").isNumber());
        JsonNode saturation = r.path("gatewayOverhead").path("saturation");
        assertEquals(2, saturation.path("rounds").size(), saturation.toString());
        assertEquals("gateway", saturation.path("rounds").get(0).path("first").asText());
        assertEquals("direct", saturation.path("rounds").get(1).path("first").asText());
        for (JsonNode round : saturation.path("rounds")) {
            for (String side : List.of("gateway", "direct")) {
                assertEquals(0, round.path(side).path("errors").asLong(), side + ": " + round);
                assertTrue(round.path(side).path("requestsPerSecond").asDouble() > 0, side + ": " + round);
            }
        }
        assertTrue(saturation.path("throughputRatio").asDouble() > 0, saturation.toString());
        assertTrue(saturation.path("p99DifferenceMs").isNumber(), saturation.toString());
        assertTrue(r.path("kafkaProducerPerformance").path("recordsPerSecond").asDouble() > 0,
                r.path("kafkaProducerPerformance").toString());
        assertTrue(r.path("noOpBaseline").has("endpoint"));
        assertTrue(r.path("targets").size() >= 10, r.path("targets").toString());
        for (JsonNode t : r.path("targets")) {
            assertFalse(t.path("measured").asText().isBlank(), t.toString());
        }
        String md = Files.readString(out.resolveSibling("report.md"));
        assertTrue(md.contains("| target | measured | met |"), md);
        assertTrue(md.contains("POST /api/asks"), md);
        assertTrue(md.contains("Gateway overhead, GET /api/policy at saturation"), md);
    }

    /** The packaged services this JVM started (PackagedStack's children), by the jar they run. */
    private static Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            for (String s : List.of("gateway", "advocate-service", "ask-service", "touchpoint-service")) {
                if (cmd.contains("/" + s + "/target/quarkus-app/quarkus-run.jar")) {
                    pids.put(s, p.pid());
                }
            }
        });
        return pids;
    }
}
