package app.rapport.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the launcher remembers of each process, in the state directory: {@code pids/NAME.pid} (the
 * PID alone, as the bench and older scripts read it) and {@code run/NAME.properties} with when it
 * was started and how often it was restarted ({@code ./rapport restart}, or {@code up} starting a
 * process that had died).
 */
final class RunState {
    private final Path pids;
    private final Path run;

    RunState(Path state) {
        this.pids = state.resolve("pids");
        this.run = state.resolve("run");
    }

    record Entry(Instant started, int restarts) {
    }

    Path pidFile(String name) {
        return pids.resolve(name + ".pid");
    }

    Path pidDirectory() {
        return pids;
    }

    boolean hasPidFile(String name) {
        return Files.exists(pidFile(name));
    }

    /** The PID the file names, if it holds a number. */
    OptionalLong pid(String name) {
        try {
            String digits = Files.readString(pidFile(name), StandardCharsets.US_ASCII).replaceAll("[^0-9]", "");
            return digits.isEmpty() || digits.length() > 18 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    Optional<Entry> entry(String name) {
        Path file = run.resolve(name + ".properties");
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void started(String name, long pid, Entry entry) {
        try {
            Files.createDirectories(pids);
            Files.createDirectories(run);
            Files.writeString(pidFile(name), pid + "\n", StandardCharsets.US_ASCII);
            Files.writeString(run.resolve(name + ".properties"), format(entry), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the PID of " + name + " in " + pids, e);
        }
    }

    /** Forgets the process: it was stopped (or its PID file was stale). */
    void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
            Files.deleteIfExists(run.resolve(name + ".properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(Entry e) {
        return "started=" + e.started() + "\nrestarts=" + e.restarts() + "\n";
    }

    static Entry parse(String text) {
        Instant started = null;
        int restarts = 0;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            try {
                if (key.equals("started")) {
                    started = Instant.parse(value);
                } else if (key.equals("restarts")) {
                    restarts = Integer.parseInt(value);
                }
            } catch (DateTimeParseException | NumberFormatException ex) {
                throw new IllegalArgumentException("bad " + key + ": " + value, ex);
            }
        }
        if (started == null) {
            throw new IllegalArgumentException("no started= line");
        }
        return new Entry(started, restarts);
    }
}
