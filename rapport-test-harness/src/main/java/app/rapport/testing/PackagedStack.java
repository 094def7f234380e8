package app.rapport.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as a user meets it: the four packaged services ({@code quarkus-run.jar}, prod
 * profile) as separate processes on free ports, against the shared real Kafka broker and Mongo
 * server, trusting the test signing key ({@link TestTokens}); the gateway has dev tokens on.
 * Started once per JVM, stopped before the infrastructure at exit. Used by system-tests and bench.
 */
public final class PackagedStack {
    private static PackagedStack instance;

    private final Path root;
    private final Path work;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

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
            Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestTokens.privateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");

            TestInfrastructure infra = TestInfrastructure.get();
            for (String s : List.of("advocate-service", "ask-service", "touchpoint-service", "gateway")) {
                ports.put(s, freePort());
            }
            for (String s : ports.keySet()) {
                Map<String, String> env = new LinkedHashMap<>();
                env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(s)));
                env.put("MONGODB_URI", infra.mongoConnectionString());
                env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
                env.put("RAPPORT_JWT_ISSUER", TestTokens.ISSUER);
                env.put("RAPPORT_JWT_PUBLIC_KEY", "file:" + publicKey);
                env.put("RAPPORT_OUTBOX_WATCH_CHANGES", String.valueOf(!"embedded".equals(infra.mode())));
                if (s.equals("gateway")) {
                    env.put("RAPPORT_SERVICES_ADVOCATE_URL", url("advocate-service"));
                    env.put("RAPPORT_SERVICES_ASK_URL", url("ask-service"));
                    env.put("RAPPORT_SERVICES_TOUCHPOINT_URL", url("touchpoint-service"));
                    env.put("RAPPORT_AUTH_DEV_TOKENS", "true");
                    env.put("RAPPORT_AUTH_SIGNING_KEY_LOCATION", "file:" + privateKey);
                }
                processes.add(launch(s, env));
            }
            for (String s : ports.keySet()) {
                awaitHealthy(s, Duration.ofSeconds(90));
            }
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("could not start the system stack: " + e, e);
        }
    }

    private Process launch(String service, Map<String, String> env) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs").resolve(service + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitHealthy(String service, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(service + " did not become healthy within " + timeout + ": " + last
                + "\n--- log tail ---\n" + tail(work.resolve("logs").resolve(service + ".log"), 40));
    }

    public String logTail(String service, int lines) {
        return tail(work.resolve("logs").resolve(service + ".log"), lines);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void stop() {
        for (Process p : processes) {
            p.destroy(); // SIGTERM: Quarkus shuts down gracefully
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
