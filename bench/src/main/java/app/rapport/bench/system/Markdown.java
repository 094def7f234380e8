package app.rapport.bench.system;

import java.util.List;
import java.util.Map;

/** The report as markdown: the targets beside their figures, then one line per workload step, ready for docs/benchmarks.md. */
final class Markdown {
    private Markdown() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> m = (Map<String, Object>) r.get("machine");
        sb.append("Run ").append(r.get("date")).append(", revision `").append(r.get("revision")).append('`')
                .append(Boolean.TRUE.equals(r.get("revisionDirty")) ? " (with uncommitted changes)" : "")
                .append(", ").append(m.get("nproc")).append(" cpus, ").append(m.get("memoryMegabytes")).append(" MB, ")
                .append(m.get("java")).append("; ").append(r.get("stack")).append(".\n")
                .append("Load before: ").append(m.get("loadBefore")).append("; after: ").append(m.get("loadAfter"))
                .append(m.get("cpuStealPercent") == null ? ""
                        : "; CPU time taken by the host (steal): " + m.get("cpuStealPercent") + " % of the run")
                .append(". Took ").append(r.get("seconds")).append(" s. Command: `").append(r.get("command")).append("`\n\n");

        sb.append("| target | measured | met |\n|---|---|---|\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) r.getOrDefault("targets", List.of())) {
            Object met = t.get("met");
            sb.append("| ").append(t.get("target")).append(" | ").append(t.get("measured")).append(" | ")
                    .append(met == null ? "n/a" : (Boolean) met ? "yes" : "**no**").append(" |\n");
        }
        Map<String, Object> imp = (Map<String, Object>) r.get("import");
        if (imp != null) {
            sb.append("\nImport: ").append(imp.get("rows")).append(" rows (").append(imp.get("fileMegabytes"))
                    .append(" MB), 202 after ").append(imp.get("acceptedSeconds")).append(" s, DONE after ")
                    .append(imp.get("doneSeconds")).append(" s (").append(imp.get("rowsPerSecond")).append(" rows/s); ")
                    .append("projections hold the last row after DONE (s): ").append(imp.get("projectionsHoldLastRowSecondsAfterDone") instanceof Map<?, ?> p
                            ? "ask-service " + p.get("askService") + ", touchpoint-service " + p.get("touchpointService")
                            + ", gateway read model " + p.get("gatewayReadModel") : "n/a").append(".\n");
        }
        for (Map<String, Object> h : (List<Map<String, Object>>) r.getOrDefault("history", List.of())) {
            sb.append("History: ").append(String.format("%,d", ((Number) h.get("reached")).longValue())).append(" records (target ")
                    .append(String.format("%,d", ((Number) h.get("target")).longValue())).append(": ").append(h.get("touchpoints"))
                    .append(" touchpoints, ").append(h.get("asks")).append(" asks, ").append(h.get("asksSent")).append(" sent) after ")
                    .append(h.get("seconds")).append(" s, ").append(h.get("recordsPerSecond")).append(" records/s with ")
                    .append(h.get("clients")).append(" clients.\n");
        }
        sb.append("\n| workload | history | rate/s | achieved/s | p50 ms | p99 ms | max ms | errors | docs examined/req (ask db) | CPU-s/1000 req | held |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> w : (List<Map<String, Object>>) r.getOrDefault("workloads", List.of())) {
            for (Map<String, Object> s : (List<Map<String, Object>>) w.get("steps")) {
                Map<String, Double> l = (Map<String, Double>) s.get("latencyMs");
                Map<String, Object> q = (Map<String, Object>) s.get("queryStats");
                String docs = Boolean.TRUE.equals(q.get("available"))
                        ? q.get("docsExaminedPerRequest") + " (" + q.get("askServiceDocsExaminedPerRequest") + ")" : "n/a";
                sb.append("| ").append(w.get("name")).append(s.get("outcomes") == null ? "" : " " + s.get("outcomes"))
                        .append(" | ").append(String.format("%,d", ((Number) w.get("historySize")).longValue()))
                        .append(" | ").append(Math.round((Double) s.get("rate")))
                        .append(" | ").append(s.get("achievedRate"))
                        .append(" | ").append(l.get("p50")).append(" | ").append(l.get("p99")).append(" | ").append(l.get("max"))
                        .append(" | ").append(s.get("errors"))
                        .append(" | ").append(docs)
                        .append(" | ").append(s.get("cpuSecondsPer1000Requests"))
                        .append(" | ").append(Boolean.TRUE.equals(s.get("held")) ? "yes" : "no: " + s.get("breaks")).append(" |\n");
            }
        }
        Map<String, Object> k = (Map<String, Object>) r.get("kafkaProducerPerformance");
        if (k != null) {
            sb.append("\nKafka ProducerPerformance (same broker): ").append(k.getOrDefault("output", k.get("error"))).append('\n');
        }
        Map<String, Object> overhead = (Map<String, Object>) r.get("gatewayOverhead");
        Map<String, Object> sat = overhead == null ? null : (Map<String, Object>) overhead.get("saturation");
        if (sat != null) {
            sb.append("\nGateway overhead, GET /api/policy at saturation (").append(sat.get("method")).append("):\n");
            int n = 1;
            for (Map<String, Object> round : (List<Map<String, Object>>) sat.get("rounds")) {
                Map<String, Object> g = (Map<String, Object>) round.get("gateway");
                Map<String, Object> d = (Map<String, Object>) round.get("direct");
                sb.append("- round ").append(n++).append(" (").append(round.get("first")).append(" first): gateway ")
                        .append(g.get("requestsPerSecond")).append("/s, p50 ").append(((Map<String, Object>) g.get("latencyMs")).get("p50"))
                        .append(" ms, p99 ").append(((Map<String, Object>) g.get("latencyMs")).get("p99")).append(" ms, ")
                        .append(g.get("errors")).append(" errors; direct ").append(d.get("requestsPerSecond")).append("/s, p50 ")
                        .append(((Map<String, Object>) d.get("latencyMs")).get("p50")).append(" ms, p99 ")
                        .append(((Map<String, Object>) d.get("latencyMs")).get("p99")).append(" ms, ").append(d.get("errors"))
                        .append(" errors; ratio ").append(round.get("throughputRatio")).append(", p99 difference ")
                        .append(round.get("p99DifferenceMs")).append(" ms\n");
            }
            sb.append("- medians: gateway ").append(sat.get("gatewayRequestsPerSecond")).append("/s, direct ")
                    .append(sat.get("directRequestsPerSecond")).append("/s, ratio ").append(sat.get("throughputRatio"))
                    .append(", p99 difference ").append(sat.get("p99DifferenceMs")).append(" ms\n");
        }
        Map<String, Object> ping = (Map<String, Object>) r.get("noOpBaseline");
        if (ping != null) {
            sb.append("No-op baseline through the gateway: ").append(ping.get("endpoint")).append('\n');
        }
        List<String> warnings = (List<String>) r.getOrDefault("warnings", List.of());
        if (!warnings.isEmpty()) {
            sb.append("\nWarnings:\n");
            for (String w : warnings) {
                sb.append("- ").append(w).append('\n');
            }
        }
        List<String> problems = (List<String>) r.getOrDefault("problems", List.of());
        if (!problems.isEmpty()) {
            sb.append("\nProblems during the run:\n");
            for (String p : problems) {
                sb.append("- ").append(p).append('\n');
            }
        }
        return sb.toString();
    }
}
