package app.rapport.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Starting, watching and stopping the stack's processes: shared by {@code ./rapport} (through
 * {@link Launcher}) and the test harness's {@code PackagedStack}. Every process carries its name
 * and the checkout on its command line ({@code -Drapport.process=NAME -Drapport.home=ROOT}), so a
 * PID file is only believed when the PID still runs that command.
 */
public final class Processes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private Processes() {
    }

    /** Why a process did not come up; the message reads after its name ("exited during startup"). */
    public static final class StartFailure extends Exception {
        public StartFailure(String message) {
            super(message);
        }
    }

    /** A process to run: its command, extra environment, working directory and log (appended to). */
    public record Spec(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
    }

    /** The marker that names a process of ours. */
    public static String marker(String name) {
        return "-Drapport.process=" + name;
    }

    public static String homeMarker(Path root) {
        return "-Drapport.home=" + root;
    }

    /**
     * Starts the process with its output appended to its log. {@code detached}: in a session of its
     * own ({@code setsid}), so that it outlives the launcher and a Ctrl-C in the terminal.
     */
    public static Process start(Spec spec, boolean detached) throws IOException {
        List<String> command = new ArrayList<>();
        if (detached) {
            setsid().ifPresent(command::add);
        }
        command.addAll(spec.command());
        Files.createDirectories(spec.log().getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(spec.workDir().toFile())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.log().toFile()));
        pb.environment().putAll(spec.env());
        return pb.start();
    }

    private static Optional<String> setsid() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "setsid");
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /** Keeps the previous log as {@code NAME.log.1} and starts an empty one. */
    public static void rotateLog(Path log) {
        try {
            Files.createDirectories(log.getParent());
            if (Files.exists(log) && Files.size(log) > 0) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.write(log, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rotate " + log, e);
        }
    }

    /** The process, if {@code pid} is alive and runs the command of {@code name} from {@code root}. */
    public static Optional<ProcessHandle> ours(long pid, String name, Path root) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = arguments(h.get());
        return args.contains(marker(name)) && args.contains(homeMarker(root)) ? h : Optional.empty();
    }

    private static List<String> arguments(ProcessHandle h) {
        Path cmdline = Path.of("/proc", String.valueOf(h.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return Arrays.asList(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"));
            }
        } catch (IOException e) {
            // gone meanwhile, or not ours to read: fall back to what the JDK can tell
        }
        return h.info().arguments().map(Arrays::asList).orElse(List.of());
    }

    public static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code UP}, {@code DOWN} or {@code -} (no answer) from {@code BASE/q/health}. */
    public static String health(String baseUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = JSON.readTree(r.body()).path("status");
            return "UP".equals(status.asText()) ? "UP" : "DOWN".equals(status.asText()) ? "DOWN" : "-";
        } catch (IOException e) {
            return "-";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "-";
        }
    }

    private static String lastAnswer(String baseUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body().replace("\n", "");
            return r.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Until {@code BASE/q/health} answers UP; fails when the process dies or time runs out. */
    public static void awaitHealthy(String baseUrl, Duration timeout, BooleanSupplier alive) throws StartFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"UP".equals(health(baseUrl))) {
            if (!alive.getAsBoolean()) {
                throw new StartFailure("exited during startup");
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailure("did not report UP on " + baseUrl + "/q/health within " + timeout.getSeconds()
                        + "s (last answer: " + lastAnswer(baseUrl) + ")");
            }
            sleep(500);
        }
    }

    /** Until the log holds {@code text} (the local-stack mains print a ready line). */
    public static void awaitLine(Path log, String text, Duration timeout, BooleanSupplier alive) throws StartFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!contains(log, text)) {
            if (!alive.getAsBoolean()) {
                throw new StartFailure("exited during startup");
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailure("was not ready within " + timeout.getSeconds() + "s");
            }
            sleep(200);
        }
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL. True when it needed the SIGKILL. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        process.destroy();
        return awaitExitOrKill(process, System.nanoTime() + grace.toNanos());
    }

    /** After a SIGTERM: waits until {@code deadlineNanos}, then SIGKILL. True when it needed the SIGKILL. */
    public static boolean awaitExitOrKill(ProcessHandle process, long deadlineNanos) {
        while (process.isAlive() && System.nanoTime() < deadlineNanos) {
            sleep(200);
        }
        if (!process.isAlive()) {
            return false;
        }
        process.destroyForcibly();
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (process.isAlive() && System.nanoTime() < killDeadline) {
            sleep(100);
        }
        return true;
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted", 130);
        }
    }
}
