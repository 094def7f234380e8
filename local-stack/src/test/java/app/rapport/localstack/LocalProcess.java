package app.rapport.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One local-stack main run the way {@code ./rapport} runs it: a separate JVM, output to a log file,
 * stopped with SIGTERM. Ready when it prints its {@code rapport-local-stack: ... ready} line.
 */
final class LocalProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static LocalProcess start(String name, Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new LocalProcess(name, p, log);
    }

    /** Waits for the ready line that follows the given number of earlier ready lines in the log. */
    LocalProcess awaitReady(int earlierStarts, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            long ready = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("rapport-local-stack: " + name + " ready")).count();
            if (ready > earlierStarts) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready:\n" + tail());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not ready within " + timeoutSeconds + " s:\n" + tail());
    }

    /** SIGTERM, then waits for a clean exit. Returns the exit code. */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not stop within 60 s of SIGTERM:\n" + tail());
        }
        return process.exitValue();
    }

    /** SIGKILL (kill -9): no shutdown hook runs. Returns the exit code. */
    int kill() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still alive 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** A port that was free a moment ago: good enough for a test on a shared machine. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
