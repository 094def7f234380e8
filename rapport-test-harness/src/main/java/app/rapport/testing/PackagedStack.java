package app.rapport.testing;

import app.rapport.localstack.Processes;
import app.rapport.localstack.ServiceLaunch;
import app.rapport.tokens.Pem;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as a user meets it: the four packaged services ({@code quarkus-run.jar}, prod
 * profile) as separate processes on free ports, against the shared real Kafka broker and Mongo
 * server, trusting the test signing key ({@link TestTokens}); the gateway has dev tokens on. Each
 * is started, waited for and stopped with the launcher's own code ({@link ServiceLaunch},
 * {@link Processes}), so it runs exactly as {@code ./rapport up} runs it. Started once per JVM, stopped before the infrastructure at exit. Used by system-tests and bench.
 */
public final class PackagedStack {
    private static PackagedStack instance;

    private final Path root;
    private final Path work;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();

    public static synchronized PackagedStack get() {
        if (instance == null) {
            instance = new PackagedStack();
            // the services stop before the broker and Mongo they depend on
            TestInfrastructure.get().closeBeforeInfrastructure(instance::stop);
            instance.start();
        }
        return instance;
    }

    private PackagedStack() {
        // the repository root: set by the build (rapport.root), else the parent of the module directory
        root = Path.of(System.getProperty("rapport.root", "..")).toAbsolutePath().normalize();
        work = Path.of("target", "system-stack").toAbsolutePath();
    }

    public String gatewayUrl() {
        return url("gateway");
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public Path workDirectory() {
        return work;
    }

    private void start() {
        try {
            Files.createDirectories(work.resolve("keys"));
            Files.createDirectories(work.resolve("logs"));
            Path publicKey = work.resolve("keys/public.pem");
            Path privateKey = work.resolve("keys/private.pem");
            Files.writeString(publicKey, TestTokens.publicKeyPem());
            Files.writeString(privateKey, Pem.privateKeyPem(TestTokens.privateKey()));

            TestInfrastructure infra = TestInfrastructure.get();
            for (String s : List.of("advocate-service", "ask-service", "touchpoint-service", "gateway")) {
                ports.put(s, freePort());
            }
            ServiceLaunch.Wiring wiring = new ServiceLaunch.Wiring(infra.mongoConnectionString(),
                    infra.kafkaBootstrapServers(), TestTokens.ISSUER, publicKey, privateKey,
                    !"embedded".equals(infra.mode()), url("advocate-service"), url("ask-service"), url("touchpoint-service"));
            for (String s : ports.keySet()) {
                processes.put(s, launch(s, wiring));
            }
            for (String s : ports.keySet()) {
                Process p = processes.get(s);
                try {
                    Processes.awaitHealthy(url(s), Duration.ofSeconds(90), p::isAlive);
                } catch (Processes.StartFailure e) {
                    throw new IllegalStateException(s + " " + e.getMessage() + "\n--- log tail ---\n" + logTail(s, 40));
                }
            }
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("could not start the system stack: " + e, e);
        }
    }

    /** The service as ./rapport runs it (same command and wiring), as a child of this JVM. */
    private Process launch(String service, ServiceLaunch.Wiring wiring) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        List<String> command = ServiceLaunch.command(service, ports.get(service), jar, root,
                List.of("-Xmx256m", "-XX:+UseSerialGC"));
        Path log = work.resolve("logs").resolve(service + ".log");
        Processes.rotateLog(log);
        return Processes.start(new Processes.Spec(service, command, ServiceLaunch.env(service, wiring), work, log), false);
    }

    public String logTail(String service, int lines) {
        return Processes.tail(work.resolve("logs").resolve(service + ".log"), lines);
    }

    private void stop() {
        for (Process p : processes.values()) {
            p.destroy(); // SIGTERM: Quarkus shuts down gracefully
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Process p : processes.values()) {
            Processes.awaitExitOrKill(p.toHandle(), deadline);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
