package app.rapport.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the stack lives and how long it may take, from the environment {@code ./rapport} documents:
 * {@code RAPPORT_STATE_DIR} (default {@code ROOT/.rapport}), {@code RAPPORT_UP_TIMEOUT} (seconds to
 * become healthy, 120), {@code RAPPORT_STOP_TIMEOUT} (seconds between SIGTERM and SIGKILL, 30),
 * {@code RAPPORT_JAVA_OPTS} (extra JVM options for the services), {@code RAPPORT_MONGO_HEAP} (3g).
 */
record LaunchSettings(Path root, Path state, Duration upTimeout, Duration stopTimeout, List<String> javaOpts,
                      String mongoHeap, String mallocArenaMax) {

    static LaunchSettings from(Path root, Map<String, String> env) {
        String state = env.get("RAPPORT_STATE_DIR");
        Path stateDir = state == null || state.isBlank() ? root.resolve(".rapport") : root.resolve(state);
        String opts = env.getOrDefault("RAPPORT_JAVA_OPTS", "").trim();
        return new LaunchSettings(root, stateDir.toAbsolutePath().normalize(),
                seconds(env, "RAPPORT_UP_TIMEOUT", 120), seconds(env, "RAPPORT_STOP_TIMEOUT", 30),
                opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")),
                orDefault(env.get("RAPPORT_MONGO_HEAP"), "3g"), orDefault(env.get("MALLOC_ARENA_MAX"), "2"));
    }

    /** The same settings for another state directory (the bench's fresh stack). */
    LaunchSettings withState(Path other) {
        return new LaunchSettings(root, other, upTimeout, stopTimeout, javaOpts, mongoHeap, mallocArenaMax);
    }

    Path keys() {
        return state.resolve("keys");
    }

    Path logs() {
        return state.resolve("logs");
    }

    Path log(String name) {
        return logs().resolve(name + ".log");
    }

    /** The state directory as the user knows it: relative to the checkout when inside it. */
    String shown() {
        return shown(state);
    }

    String shown(Path p) {
        return p.startsWith(root) && !p.equals(root) ? root.relativize(p).toString() : p.toString();
    }

    private static Duration seconds(Map<String, String> env, String name, int defaultValue) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return Duration.ofSeconds(defaultValue);
        }
        try {
            int s = Integer.parseInt(v.trim());
            if (s <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new LaunchFailure(name + " must be a positive number of seconds, got '" + v + "'");
        }
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v.trim();
    }
}
