package app.rapport.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a packaged service is run ({@code java ... -jar quarkus-run.jar}, prod profile) and wired:
 * the same for {@code ./rapport up} and the harness's {@code PackagedStack}; only the ports, the
 * JVM options and where Kafka and Mongo are differ.
 */
public final class ServiceLaunch {
    private ServiceLaunch() {
    }

    /** Where the services find each other and what they trust. */
    public record Wiring(String mongoUri, String kafkaBootstrap, String issuer, Path publicKey, Path privateKey,
                         boolean watchChanges, String advocateUrl, String askUrl, String touchpointUrl) {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java OPTS -Drapport.process=NAME -Drapport.home=ROOT -Dquarkus.http.port=PORT -jar JAR}. */
    public static List<String> command(String name, int port, Path jar, Path root, List<String> javaOpts) {
        List<String> c = new ArrayList<>();
        c.add(java());
        c.addAll(javaOpts);
        c.add(Processes.marker(name));
        c.add(Processes.homeMarker(root));
        c.add("-Dquarkus.http.port=" + port);
        c.add("-jar");
        c.add(jar.toString());
        return c;
    }

    /** The environment of one service; the gateway also gets the others' URLs and dev tokens. */
    public static Map<String, String> env(String name, Wiring w) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MONGODB_URI", w.mongoUri());
        env.put("KAFKA_BOOTSTRAP_SERVERS", w.kafkaBootstrap());
        env.put("RAPPORT_JWT_ISSUER", w.issuer());
        env.put("RAPPORT_JWT_PUBLIC_KEY", "file:" + w.publicKey());
        // the embedded Mongo server rescans its whole oplog on every change-stream read, so with it
        // the outbox relays poll (and are nudged after each write) instead of watching
        env.put("RAPPORT_OUTBOX_WATCH_CHANGES", String.valueOf(w.watchChanges()));
        if (name.equals(Component.GATEWAY.id())) {
            env.put("RAPPORT_SERVICES_ADVOCATE_URL", w.advocateUrl());
            env.put("RAPPORT_SERVICES_ASK_URL", w.askUrl());
            env.put("RAPPORT_SERVICES_TOUCHPOINT_URL", w.touchpointUrl());
            env.put("RAPPORT_AUTH_DEV_TOKENS", "true");
            env.put("RAPPORT_AUTH_SIGNING_KEY_LOCATION", "file:" + w.privateKey());
        }
        return env;
    }

    /**
     * The services' JVM options on the local stack (docs/benchmarks.md, "Memory"): the live heap of a
     * service is ~20 MB, so a 32 MB start keeps the heap small until load needs more; glibc keeps
     * freed native memory as RSS until told, so the JVM trims it every 5 s (from JDK 17.0.9 on).
     */
    public static List<String> localJavaOpts(Runtime.Version java, List<String> extra) {
        List<String> opts = new ArrayList<>(List.of("-Xms32m", "-Xmx512m", "-XX:+UseSerialGC"));
        if (java.feature() > 17 || (java.feature() == 17 && java.update() >= 9)) {
            opts.add("-XX:+UnlockExperimentalVMOptions");
            opts.add("-XX:TrimNativeHeapInterval=5000");
        }
        opts.addAll(extra);
        return opts;
    }
}
