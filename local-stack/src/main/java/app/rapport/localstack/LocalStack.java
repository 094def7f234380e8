package app.rapport.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * {@code ./rapport up | down | status | restart}: the six processes of this checkout, started
 * detached from copies of the packaged applications, with their PIDs, start times and restart
 * counts in the state directory ({@link RunState}).
 */
final class LocalStack {
    static final String ISSUER = app.rapport.tokens.TokenSigner.LOCAL_ISSUER;
    static final String GATEWAY = "http://localhost:" + Component.GATEWAY.port();
    private static final List<Component> STOP_ORDER_SERVICES = List.of(Component.GATEWAY, Component.ADVOCATE,
            Component.ASK, Component.TOUCHPOINT);

    private final LaunchSettings settings;
    private final Console console;
    private final RunState runState;
    private final LocalKeys keys;
    private final Map<String, String> extraServiceEnv = new java.util.LinkedHashMap<>();
    private long startedNanos;

    LocalStack(LaunchSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
        this.runState = new RunState(settings.state());
        this.keys = new LocalKeys(settings.keys());
    }

    LaunchSettings settings() {
        return settings;
    }

    LocalKeys keys() {
        return keys;
    }

    RunState runState() {
        return runState;
    }

    /** Environment for the services of this stack only (the bench lifts the rate limit). */
    void putServiceEnv(String name, String value) {
        extraServiceEnv.put(name, value);
    }

    Optional<ProcessHandle> ours(Component c) {
        OptionalLong pid = runState.pid(c.id());
        return pid.isPresent() ? Processes.ours(pid.getAsLong(), c.id(), settings.root()) : Optional.empty();
    }

    boolean allRunning() {
        return Stream.of(Component.values()).allMatch(c -> ours(c).isPresent());
    }

    Optional<Component> anyRunning() {
        return Stream.of(Component.values()).filter(c -> ours(c).isPresent()).findFirst();
    }

    // ---- up ---------------------------------------------------------------------------------------

    /** Starts whatever of the stack is not running; seeds on a first start unless {@code empty}. */
    int up(boolean empty) {
        List<Component> stopped = new ArrayList<>();
        List<Component> running = new ArrayList<>();
        for (Component c : Component.values()) {
            (ours(c).isPresent() ? running : stopped).add(c);
        }
        if (stopped.isEmpty()) {
            console.say("Rapport is already running; nothing changed.");
            return status();
        }
        checkPortsFree(stopped);
        startedNanos = System.nanoTime();
        Thread interrupted = new Thread(() -> console.stderr(
                "\ninterrupted: some processes may be running; ./rapport down stops them"));
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            start(running, stopped);
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
        console.info("Rapport is up in " + elapsed() + "s");
        printUrls();

        if (empty) {
            console.say("(--empty: no demo data seeded)");
        } else if (!Files.exists(settings.state().resolve("seeded"))) {
            seed();
        }
        return 0;
    }

    private void start(List<Component> running, List<Component> stopped) {
        buildIfMissing();
        mkdirs("kafka", "mongo", "logs", "pids");
        keys.ensure(console, settings.shown(settings.keys()));
        if (!running.isEmpty()) {
            List<String> names = running.stream().map(Component::id).toList();
            List<String> starting = stopped.stream().map(Component::id).toList();
            console.info("already running: " + String.join(" ", names) + "; starting " + String.join(" ", starting));
        }

        // Run from a copy of the packaged applications, so that rebuilding a module while the stack
        // runs never swaps jars under a live JVM (Quarkus opens its jars lazily; a replaced jar hangs it).
        console.info("staging the packaged applications in " + settings.shown(settings.state().resolve("app")));
        boolean infraRunning = running.contains(Component.MONGO) || running.contains(Component.KAFKA);
        Path localStackJar = stageLocalStack(!infraRunning);
        for (Component c : stopped) {
            if (!c.infrastructure()) {
                stageService(c);
            }
        }

        boolean mongo = stopped.contains(Component.MONGO);
        boolean kafka = stopped.contains(Component.KAFKA);
        if (mongo || kafka) {
            String what = (mongo ? "MongoDB (wire server, H2 store in " + settings.shown(settings.state().resolve("mongo")) + ")" : "")
                    + (mongo && kafka ? " and " : "")
                    + (kafka ? "Kafka (KRaft, " + settings.shown(settings.state().resolve("kafka")) + ")" : "");
            console.info("starting " + what);
            if (mongo) {
                launch(Component.MONGO, infraCommand(Component.MONGO, localStackJar));
            }
            if (kafka) {
                launch(Component.KAFKA, infraCommand(Component.KAFKA, localStackJar));
            }
            if (mongo) {
                awaitInfra(Component.MONGO);
            }
            if (kafka) {
                awaitInfra(Component.KAFKA);
            }
        }
        List<Component> services = stopped.stream().filter(c -> !c.infrastructure()).toList();
        if (!services.isEmpty()) {
            console.info("starting the services");
            for (Component c : services) {
                launch(c, serviceCommand(c));
            }
            // the services start side by side; report each as it turns UP, in start order
            for (Component c : services) {
                awaitService(c);
            }
        }
    }

    private void checkPortsFree(List<Component> toStart) {
        List<String> busy = new ArrayList<>();
        for (Component c : toStart) {
            if (Processes.portOpen(c.port())) {
                busy.add(c.port() + " (" + c.id() + ")");
            }
            if (c == Component.KAFKA && Processes.portOpen(Component.KAFKA_CONTROLLER_PORT)) {
                busy.add(Component.KAFKA_CONTROLLER_PORT + " (kafka-controller)");
            }
        }
        if (!busy.isEmpty()) {
            throw new LaunchFailure("port(s) already in use by another program: " + String.join(" ", busy)
                    + ". Stop it (another Rapport checkout? docker-compose?) and retry.");
        }
    }

    // ---- restart ----------------------------------------------------------------------------------

    int restart(Component c) {
        startedNanos = System.nanoTime();
        console.info("restarting " + c.id());
        Optional<RunState.Entry> before = runState.entry(c.id());
        Optional<ProcessHandle> current = ours(c);
        if (current.isPresent()) {
            stopAll(List.of(c));
        } else {
            console.say("    " + c.id() + " was not running");
        }
        checkPortsFree(List.of(c));
        if (!c.infrastructure()) {
            buildIfMissing();
        }
        mkdirs("kafka", "mongo", "logs", "pids");
        keys.ensure(console, settings.shown(settings.keys()));
        int restarts = before.map(RunState.Entry::restarts).orElse(0) + 1;
        if (c.infrastructure()) {
            boolean otherRunning = ours(c == Component.MONGO ? Component.KAFKA : Component.MONGO).isPresent();
            Path jar = stageLocalStack(!otherRunning);
            launch(c, infraCommand(c, jar), restarts);
            awaitInfra(c);
        } else {
            stageService(c);
            launch(c, serviceCommand(c), restarts);
            awaitService(c);
        }
        console.info(c.id() + " restarted in " + elapsed() + "s (restarts: " + restarts + ")");
        return 0;
    }

    // ---- down -------------------------------------------------------------------------------------

    int down() {
        boolean any = Stream.of(Component.values()).anyMatch(c -> runState.hasPidFile(c.id()));
        if (!any) {
            console.say("Rapport is not running (no PID files in " + settings.shown(runState.pidDirectory()) + ").");
            return 0;
        }
        console.info("stopping the services");
        stopAll(STOP_ORDER_SERVICES);
        console.info("stopping Kafka and MongoDB");
        stopAll(List.of(Component.KAFKA, Component.MONGO));
        String here = settings.shown();
        console.info("stopped; data stays in " + here + "/ (delete " + here + "/mongo, " + here + "/kafka and "
                + here + "/seeded for a fresh start)");
        return 0;
    }

    /** SIGTERM to all of them at once, then waits (RAPPORT_STOP_TIMEOUT), then SIGKILL whoever is left. */
    private void stopAll(List<Component> components) {
        Map<Component, ProcessHandle> stopping = new EnumMap<>(Component.class);
        for (Component c : components) {
            Optional<ProcessHandle> h = ours(c);
            if (h.isPresent()) {
                h.get().destroy();
                stopping.put(c, h.get());
            } else if (runState.hasPidFile(c.id())) {
                console.say("    " + c.id() + ": not running (stale PID file removed)");
                runState.forget(c.id());
            }
        }
        long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
        for (Component c : components) {
            ProcessHandle h = stopping.get(c);
            if (h == null) {
                continue;
            }
            while (h.isAlive() && System.nanoTime() < deadline) {
                Processes.sleep(200);
            }
            if (h.isAlive()) {
                console.warn(c.id() + " (pid " + h.pid() + ") ignored SIGTERM for " + settings.stopTimeout().getSeconds()
                        + "s; sending SIGKILL");
                Processes.awaitExitOrKill(h, System.nanoTime());
            }
            runState.forget(c.id());
            console.say("    " + c.id() + " stopped (pid " + h.pid() + ")");
        }
    }

    // ---- status -----------------------------------------------------------------------------------

    int status() {
        boolean allUp = true;
        String format = "%-20s %-8s %-7s %-6s %-8s %-8s %s";
        console.say(String.format(format, "NAME", "STATE", "PID", "PORT", "UPTIME", "RESTARTS", "HEALTH").stripTrailing());
        for (Component c : Component.values()) {
            Optional<ProcessHandle> h = ours(c);
            Optional<RunState.Entry> entry = runState.entry(c.id());
            String state;
            String pid = "-";
            String uptime = "-";
            String restarts = entry.map(e -> String.valueOf(e.restarts())).orElse("-");
            String health = "-";
            if (h.isPresent()) {
                state = "running";
                pid = String.valueOf(h.get().pid());
                Instant started = entry.map(RunState.Entry::started)
                        .or(() -> h.get().info().startInstant()).orElse(null);
                uptime = started == null ? "?" : Uptime.format(Duration.between(started, Instant.now()));
                if (c.infrastructure()) {
                    health = Processes.portOpen(c.port()) ? "UP (port open)" : "DOWN (port closed)";
                    allUp &= health.startsWith("UP");
                } else {
                    health = Processes.health("http://localhost:" + c.port());
                    allUp &= health.equals("UP");
                }
            } else {
                allUp = false;
                state = runState.hasPidFile(c.id()) ? "dead" : "stopped";
                if (state.equals("stopped")) {
                    restarts = "-";
                }
            }
            console.say(String.format(format, c.id(), state, pid, c.port(), uptime, restarts, health));
        }
        return allUp ? 0 : 1;
    }

    // ---- processes --------------------------------------------------------------------------------

    private void launch(Component c, List<String> command) {
        // a start by up of a process whose PID file is still there: it had died, so this is a restart
        int restarts = runState.hasPidFile(c.id()) ? runState.entry(c.id()).map(RunState.Entry::restarts).orElse(0) + 1 : 0;
        launch(c, command, restarts);
    }

    private void launch(Component c, List<String> command, int restarts) {
        Path log = settings.log(c.id());
        Processes.rotateLog(log);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (!c.infrastructure()) {
            env.put("MALLOC_ARENA_MAX", settings.mallocArenaMax());
            env.putAll(ServiceLaunch.env(c.id(), wiring()));
            env.putAll(extraServiceEnv);
        }
        try {
            Process p = Processes.start(new Processes.Spec(c.id(), command, env, settings.root(), log), true);
            runState.started(c.id(), p.pid(), new RunState.Entry(Instant.now(), restarts));
        } catch (IOException e) {
            throw new LaunchFailure("could not start " + c.id() + ": " + e.getMessage());
        }
    }

    private ServiceLaunch.Wiring wiring() {
        return new ServiceLaunch.Wiring("mongodb://127.0.0.1:" + Component.MONGO.port(), "127.0.0.1:" + Component.KAFKA.port(),
                ISSUER, keys.publicKey(), keys.privateKey(), false,
                "http://localhost:" + Component.ADVOCATE.port(), "http://localhost:" + Component.ASK.port(),
                "http://localhost:" + Component.TOUCHPOINT.port());
    }

    private List<String> infraCommand(Component c, Path jar) {
        List<String> cmd = new ArrayList<>(List.of(ServiceLaunch.java()));
        if (c == Component.MONGO) {
            cmd.addAll(List.of("-Xms64m", "-Xmx" + settings.mongoHeap(), "-XX:+UseG1GC"));
        } else {
            cmd.addAll(List.of("-Xms128m", "-Xmx768m"));
        }
        cmd.add(Processes.marker(c.id()));
        cmd.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        cmd.add(Processes.homeMarker(settings.root()));
        cmd.add("-cp");
        cmd.add(jar.toString());
        if (c == Component.MONGO) {
            cmd.addAll(List.of(MongoServerMain.class.getName(), "--port", String.valueOf(c.port()),
                    "--data-dir", settings.state().resolve("mongo").toString()));
        } else {
            cmd.addAll(List.of(KafkaBrokerMain.class.getName(), "--port", String.valueOf(c.port()),
                    "--controller-port", String.valueOf(Component.KAFKA_CONTROLLER_PORT),
                    "--data-dir", settings.state().resolve("kafka").toString()));
        }
        return cmd;
    }

    private List<String> serviceCommand(Component c) {
        Path jar = settings.state().resolve("app").resolve(c.id()).resolve("quarkus-run.jar");
        return ServiceLaunch.command(c.id(), c.port(), jar, settings.root(),
                ServiceLaunch.localJavaOpts(Runtime.version(), settings.javaOpts()));
    }

    private void awaitInfra(Component c) {
        try {
            Processes.awaitLine(settings.log(c.id()), "rapport-local-stack: " + c.id() + " ready", settings.upTimeout(),
                    () -> ours(c).isPresent());
        } catch (Processes.StartFailure e) {
            failStart(c, e.getMessage());
        }
        String where = c == Component.MONGO ? "mongodb://127.0.0.1:" + c.port() : "127.0.0.1:" + c.port();
        console.say("    " + c.id() + "  ready on " + where + " (" + elapsed() + "s)");
    }

    private void awaitService(Component c) {
        try {
            Processes.awaitHealthy("http://localhost:" + c.port(), settings.upTimeout(), () -> ours(c).isPresent());
        } catch (Processes.StartFailure e) {
            failStart(c, e.getMessage());
        }
        console.say(String.format("    %-18s UP on http://localhost:%s (%ss)", c.id(), c.port(), elapsed()));
    }

    private void failStart(Component c, String why) {
        console.error(c.id() + " " + why);
        Path log = settings.log(c.id());
        if (Files.exists(log)) {
            console.stderr("---- last lines of " + log + " ----\n" + Processes.tail(log, 40) + "\n----");
        }
        console.stderr("The processes that did start are still running: see ./rapport status, ./rapport logs " + c.id()
                + ", and stop them with ./rapport down.");
        throw new LaunchFailure(null, 1);
    }

    private long elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos).getSeconds();
    }

    // ---- builds and staging -----------------------------------------------------------------------

    static final String SERVICE_MODULES = "advocate-service,ask-service,touchpoint-service,gateway";

    private void buildIfMissing() {
        List<String> missing = Component.services().stream()
                .filter(c -> !Files.isRegularFile(serviceApp(c).resolve("quarkus-run.jar")))
                .map(Component::id).toList();
        if (!missing.isEmpty()) {
            build("building (missing: " + String.join(" ", missing) + ")", SERVICE_MODULES);
        }
    }

    /** {@code ./mvnw -q -B package -DskipTests -pl MODULES -am} (never install). */
    void build(String why, String modules) {
        List<String> cmd = List.of("./mvnw", "-q", "-B", "package", "-DskipTests", "-pl", modules, "-am");
        console.info(why + ": " + String.join(" ", cmd));
        try {
            int rc = new ProcessBuilder(cmd).directory(settings.root().toFile()).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new LaunchFailure("the build failed; fix it and run ./rapport up again");
            }
        } catch (IOException e) {
            throw new LaunchFailure("could not run ./mvnw: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted", 130);
        }
    }

    Path serviceApp(Component c) {
        return settings.root().resolve(c.id()).resolve("target/quarkus-app");
    }

    static Optional<Path> localStackJar(Path root) {
        Path target = root.resolve("local-stack/target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "local-stack-*.jar")) {
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

    /** The staged local-stack jar; copied afresh only when no process runs from the copy. */
    private Path stageLocalStack(boolean refresh) {
        Path jar = localStackJar(settings.root()).orElseThrow(() ->
                new LaunchFailure("local-stack is not built (./mvnw -B package -DskipTests -pl local-stack -am)"));
        Path lib = jar.resolveSibling("lib");
        Path dir = settings.state().resolve("app/local-stack");
        Path staged = dir.resolve(jar.getFileName());
        if (refresh || !Files.isRegularFile(staged)) {
            if (!Files.isDirectory(lib)) {
                throw new LaunchFailure(lib + " is missing (./mvnw -B package -DskipTests -pl local-stack -am)");
            }
            replace(dir);
            copy(jar, staged);
            copy(lib, dir.resolve("lib"));
        }
        return staged;
    }

    private void stageService(Component c) {
        Path dir = settings.state().resolve("app").resolve(c.id());
        replace(dir);
        copy(serviceApp(c), dir);
    }

    private void mkdirs(String... names) {
        try {
            for (String n : names) {
                Files.createDirectories(settings.state().resolve(n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replace(Path dir) {
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new LaunchFailure("could not copy " + from + " to " + to + " (is a build running?): " + e.getMessage());
        }
    }

    // ---- output and seeding -----------------------------------------------------------------------

    private void printUrls() {
        console.say(String.join("\n",
                "    gateway (API, ops dashboard)  http://localhost:8080/          health http://localhost:8080/q/health",
                "    advocate-service              http://localhost:8081/q/openapi",
                "    ask-service                   http://localhost:8082/q/openapi",
                "    touchpoint-service            http://localhost:8083/q/openapi",
                "    kafka                         127.0.0.1:" + Component.KAFKA.port() + "   mongo  mongodb://127.0.0.1:"
                        + Component.MONGO.port(),
                "    a token:  TOKEN=$(./rapport token u-pat programme-manager); curl -H \"Authorization: Bearer $TOKEN\""
                        + " localhost:8080/api/advocates",
                "    logs:     ./rapport logs gateway        stop: ./rapport down"));
    }

    /** {@code ./rapport seed} and the first {@code up}: false when seeding failed (the stack stays up). */
    boolean seed() {
        return new DemoSeed(settings, console, keys, GATEWAY).run();
    }
}
