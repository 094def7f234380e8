package app.rapport.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RSS and CPU time of the stack's processes, read from {@code /proc/<pid>/status} (VmRSS) and
 * {@code /proc/<pid>/stat} (utime + stime, in clock ticks of {@code getconf CLK_TCK}, 100 on Linux).
 * A process that is gone or unreadable gives -1.
 */
public final class Procs {
    public record Sample(long rssBytes, double cpuSeconds) {
    }

    private static final double TICKS = clockTicks();
    private final Map<String, Long> pids;

    public Procs(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    public Map<String, Long> pids() {
        return pids;
    }

    /** The PIDs named in a {@code ./rapport} PID directory ({@code <name>.pid}). */
    public static Map<String, Long> fromPidDir(Path dir) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : new String[] {"gateway", "advocate-service", "ask-service", "touchpoint-service", "kafka", "mongo"}) {
            try {
                String s = Files.readString(dir.resolve(name + ".pid")).replaceAll("[^0-9]", "");
                if (!s.isEmpty()) {
                    out.put(name, Long.parseLong(s));
                }
            } catch (IOException ignored) {
                // not started by ./rapport: not measured
            }
        }
        return out;
    }

    public Map<String, Sample> sample() {
        Map<String, Sample> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> out.put(name, read(pid)));
        out.put("load-generator", read(ProcessHandle.current().pid()));
        return out;
    }

    static Sample read(long pid) {
        long rss = -1;
        double cpu = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command may hold spaces and parentheses: fields start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); utime is field 14, stime field 15
            cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException ignored) {
            // gone or not Linux
        }
        return new Sample(rss, cpu);
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(s);
        } catch (Exception e) {
            return 100;
        }
    }
}
