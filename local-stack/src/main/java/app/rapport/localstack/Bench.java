package app.rapport.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./rapport bench}: packages what is missing, starts a fresh stack of its own (state in
 * {@code .rapport-bench/}, wiped first) unless {@code --use-running}, runs the bench module's
 * {@code SystemBench} against it (output also in {@code logs/bench.log}) and stops that stack.
 */
final class Bench {
    static final String USAGE = """
            usage: ./rapport bench [--quick] [--scale N] [--out FILE] [--use-running] [--keep-up] [--build] [option...]

            Runs app.rapport.bench.system.SystemBench: a CSV import through the gateway, history (touchpoints and
            asks) up to --scale records, then open-loop constant-rate steps at rising rates per workload until
            p99 breaks, with baselines, propagation, RSS/CPU per process and documents examined. Writes
            bench/results/<date>-<rev>.json and .md and prints the markdown table.

            The stack: by default the bench starts a FRESH stack of its own (state in .rapport-bench/, wiped
            before each run, on the usual ports 8080-8083, 9092, 9093, 27017: they must be free) and stops it at
            the end, so every run starts from the same empty data. --use-running runs against the stack that
            ./rapport up started from this checkout instead (its data counts towards the history).
              --quick          about 10 minutes: 2,000-row import, 4,000 history records, 5 s steps
              --scale N        history records to seed (default 1,000,000; bounded by --history-minutes, default 45)
              --out FILE       where the JSON report goes (a .md is written beside it)
              --use-running    use the running ./rapport up stack instead of a fresh one
              --keep-up        leave the fresh stack running afterwards (stop it: RAPPORT_STATE_DIR=.rapport-bench ./rapport down)
              --build          package the services, local-stack and the bench first even if their jars exist
                               (otherwise only what is missing is built; never ./mvnw install)
            Every other option goes to SystemBench (--help of it: ./rapport bench --bench-help):
            --import-rows, --history-first, --history-minutes, --concurrency, --step-seconds, --warmup-seconds,
            --rates, --p99-ms, --max-in-flight, --propagation, --producer-records.""";

    private final LaunchSettings settings;
    private final Console console;

    Bench(LaunchSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    int run(List<String> args) {
        boolean useRunning = false;
        boolean keepUp = false;
        boolean build = false;
        List<String> pass = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "--use-running" -> useRunning = true;
                case "--keep-up" -> keepUp = true;
                case "--build" -> build = true;
                case "-h", "--help" -> {
                    console.say(USAGE);
                    return 0;
                }
                case "--bench-help" -> pass.add("--help");
                default -> pass.add(a);
            }
        }
        Path root = settings.root();
        LocalStack own = new LocalStack(settings, console);
        buildIfNeeded(own, build);

        LocalStack stack;
        String stackText;
        if (useRunning) {
            stack = own;
            for (Component c : Component.values()) {
                if (stack.ours(c).isEmpty()) {
                    throw new LaunchFailure("--use-running: " + c.id() + " of this checkout is not running (./rapport status);"
                            + " start it with ./rapport up");
                }
            }
            stackText = "the running ./rapport up stack (state " + settings.shown() + ")";
        } else {
            own.anyRunning().ifPresent(c -> {
                throw new LaunchFailure("./rapport up is running from this checkout (" + c.id()
                        + "): stop it (./rapport down), or run ./rapport bench --use-running");
            });
            Path state = root.resolve(".rapport-bench");
            stack = new LocalStack(settings.withState(state), console);
            // a leftover bench stack of an interrupted run
            quietDown(stack);
            List<String> busy = new ArrayList<>();
            for (Component c : Component.values()) {
                if (Processes.portOpen(c.port())) {
                    busy.add(String.valueOf(c.port()));
                }
            }
            if (Processes.portOpen(Component.KAFKA_CONTROLLER_PORT)) {
                busy.add(String.valueOf(Component.KAFKA_CONTROLLER_PORT));
            }
            if (!busy.isEmpty()) {
                throw new LaunchFailure("port(s) " + String.join(" ", busy) + " in use: the bench's fresh stack needs"
                        + " 8080-8083, 9092, 9093 and 27017 free (or use --use-running)");
            }
            // the load comes from a handful of bench users: lift the per-user limit (600/min) for this stack
            // only; SmallRye's rolling window keeps 8 bytes per allowed call, so 300,000/min costs ~2.4 MB a user
            String limit = System.getenv("RAPPORT_RATE_LIMIT_REQUESTS_PER_MINUTE");
            stack.putServiceEnv("RAPPORT_RATE_LIMIT_REQUESTS_PER_MINUTE", limit == null || limit.isBlank() ? "300000" : limit);
            console.info("starting a fresh stack for the bench (state in .rapport-bench/, wiped first)");
            for (String wipe : List.of("mongo", "kafka", "seeded", "app")) {
                LocalStack.deleteTree(state.resolve(wipe));
            }
            if (!keepUp) {
                LocalStack toStop = stack;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> quietDown(toStop)));
            }
            try {
                stack.up(true);
            } catch (LaunchFailure e) {
                if (e.getMessage() != null) {
                    console.error(e.getMessage());
                }
                throw new LaunchFailure("the bench's stack did not start (logs in .rapport-bench/logs)");
            }
            stackText = "a fresh ./rapport up --empty stack (Kafka and Mongo processes of local-stack, state .rapport-bench/)";
        }

        Path jar = benchJar(root).orElseThrow(() -> new LaunchFailure("bench is not built"));
        LaunchSettings s = stack.settings();
        List<String> cmd = new ArrayList<>(List.of(ServiceLaunch.java(), "-Xms256m", "-Xmx1g", "-cp",
                jar + ":" + root.resolve("bench/target/lib") + "/*", "app.rapport.bench.system.SystemBench",
                "--gateway", LocalStack.GATEWAY, "--ask-service", "http://localhost:" + Component.ASK.port(),
                "--mongo", "mongodb://127.0.0.1:" + Component.MONGO.port(), "--kafka", "127.0.0.1:" + Component.KAFKA.port(),
                "--key", stack.keys().privateKey().toString(), "--pid-dir", stack.runState().pidDirectory().toString(),
                "--root", root.toString(),
                "--command", "./rapport bench" + (args.isEmpty() ? "" : " " + String.join(" ", args)),
                "--stack", stackText));
        cmd.addAll(pass);
        Path log = s.log("bench");
        console.info("running the bench (its output is also in " + s.shown(log) + ")");
        int rc = tee(cmd, log);
        if (!useRunning && !keepUp) {
            console.info("stopping the bench's stack");
            stack.down();
        }
        return rc;
    }

    private static void quietDown(LocalStack stack) {
        try {
            new LocalStack(stack.settings(), new Console(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false)).down();
        } catch (RuntimeException e) {
            // best effort at exit
        }
    }

    private int tee(List<String> cmd, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).directory(settings.root().toFile()).redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    console.say(line);
                    out.println(line);
                }
            }
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Packages (never installs) the services, local-stack and the bench when asked or when missing. */
    private void buildIfNeeded(LocalStack stack, boolean always) {
        Path root = settings.root();
        List<String> missing = new ArrayList<>();
        for (Component c : Component.services()) {
            if (!Files.isRegularFile(stack.serviceApp(c).resolve("quarkus-run.jar"))) {
                missing.add(c.id());
            }
        }
        if (LocalStack.localStackJar(root).isEmpty() || !Files.isDirectory(root.resolve("local-stack/target/lib"))) {
            missing.add("local-stack");
        }
        if (benchJar(root).isEmpty() || !Files.isDirectory(root.resolve("bench/target/lib"))) {
            missing.add("bench");
        }
        if (always || !missing.isEmpty()) {
            stack.build("packaging" + (missing.isEmpty() ? "" : " (missing: " + String.join(" ", missing) + ")"),
                    LocalStack.SERVICE_MODULES + ",local-stack,bench");
            return;
        }
        for (Component c : Component.services()) {
            long newest = lastCommit(root, c.id());
            Path jar = stack.serviceApp(c).resolve("quarkus-run.jar");
            try {
                if (Files.getLastModifiedTime(jar).toMillis() / 1000 < newest) {
                    console.warn(c.id() + "/target/quarkus-app/quarkus-run.jar is older than the last commit that changed it:"
                            + " add --build to measure the code you have");
                }
            } catch (IOException e) {
                // checked above that it exists
            }
        }
    }

    /** The time of the last commit that changed the service or a library it is built from. */
    private static long lastCommit(Path root, String module) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=%ct", "--", module,
                    "rapport-messaging", "rapport-service-support", "rapport-event-contracts", "pom.xml")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && out.matches("\\d+") ? Long.parseLong(out) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static Optional<Path> benchJar(Path root) {
        Path target = root.resolve("bench/target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "bench-*.jar")) {
            for (Path jar : jars) {
                String n = jar.getFileName().toString();
                if (!n.endsWith("-sources.jar") && !n.endsWith("-tests.jar")) {
                    return Optional.of(jar);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }
}
