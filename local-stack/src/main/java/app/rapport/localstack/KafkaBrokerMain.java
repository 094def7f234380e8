package app.rapport.localstack;

import app.rapport.events.Topics;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The local stack's Kafka: a real Apache Kafka broker in KRaft mode, one node acting as both broker
 * and controller, in its own process, run by {@code kafka.Kafka} (which also handles SIGTERM with a
 * clean shutdown). On first start it formats its storage with Kafka's own storage tool
 * ({@code kafka-storage format}, metadata version {@link MetadataVersion#latestProduction()}); on
 * every start it creates the topics of {@link Topics} (three partitions each) unless they exist.
 *
 * <p>Layout of the data directory: {@code server.properties} (written on each start) and
 * {@code log/} (the KRaft metadata log and the topic partitions).
 *
 * <p>Settings: {@code --host} ({@code RAPPORT_KAFKA_HOST}, 127.0.0.1), {@code --port}
 * ({@code RAPPORT_KAFKA_PORT}, 9092), {@code --controller-port} ({@code RAPPORT_KAFKA_CONTROLLER_PORT},
 * 9093), {@code --data-dir} ({@code RAPPORT_KAFKA_DIR}, .rapport/kafka).
 */
public final class KafkaBrokerMain {
    private static final Logger LOG = Logger.getLogger(KafkaBrokerMain.class.getName());
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    public static void main(String[] argv) throws Exception {
        Settings s = new Settings(argv, System.getenv());
        String host = s.get("host", "RAPPORT_KAFKA_HOST", "127.0.0.1");
        int port = s.port("port", "RAPPORT_KAFKA_PORT", 9092);
        int controllerPort = s.port("controller-port", "RAPPORT_KAFKA_CONTROLLER_PORT", 9093);
        Path dataDir = Path.of(s.get("data-dir", "RAPPORT_KAFKA_DIR", ".rapport/kafka")).toAbsolutePath();

        long started = System.nanoTime();
        Path logDir = dataDir.resolve("log");
        Files.createDirectories(logDir);
        Path config = dataDir.resolve("server.properties");
        Properties props = brokerProperties(host, port, controllerPort, logDir);
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by " + KafkaBrokerMain.class.getName() + " on every start");
        }
        formatIfNeeded(config, logDir);

        // kafka.Kafka runs the KRaft server, blocks until it is shut down and exits the JVM; it
        // installs its own shutdown hook, so SIGTERM stops the broker cleanly.
        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {config.toString()}), "kafka-main");
        broker.start();

        String bootstrap = host + ":" + port;
        awaitPort(host, port, broker);
        createTopics(bootstrap, Topics.CREATED);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("rapport-local-stack: kafka ready on " + bootstrap + " (topics " + Topics.CREATED + ", "
                + millis + " ms)");
        System.out.flush();
        broker.join();
    }

    /** Waits until the broker's client listener accepts connections (it opens last, once the broker is up). */
    private static void awaitPort(String host, int port, Thread broker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("the Kafka broker stopped during startup; see the log above");
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the Kafka broker did not open " + host + ":" + port + " within 120 s");
    }

    /** The configuration of a single-node KRaft cluster: replication factors of one everywhere. */
    static Properties brokerProperties(String host, int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("process.roles", "broker,controller");
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(Topics.PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // keep every event: the topics are the history that projections are rebuilt from
        p.put("log.retention.ms", "-1");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    /** Formats the log directory with Kafka's own storage tool, once (a formatted directory is kept). */
    static void formatIfNeeded(Path config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            LOG.info(() -> "storage " + logDir + " already formatted");
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        String release = MetadataVersion.latestProduction().version();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "--config", config.toString(), "--cluster-id", clusterId,
                "--release-version", release, "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        String text = output.toString(StandardCharsets.UTF_8).trim();
        if (exit != 0) {
            throw new IllegalStateException("formatting " + logDir + " failed (" + exit + "): " + text);
        }
        LOG.info(() -> "formatted " + logDir + " for cluster " + clusterId + " at metadata version " + release + ": " + text);
    }

    /** Creates the topics (three partitions, replication factor one) unless they exist; retries while the broker settles. */
    static void createTopics(String bootstrap, List<String> names) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
                    List<NewTopic> missing = new ArrayList<>();
                    for (String name : names) {
                        if (!existing.contains(name)) {
                            missing.add(new NewTopic(name, Topics.PARTITIONS, (short) 1));
                        }
                    }
                    if (!missing.isEmpty()) {
                        try {
                            admin.createTopics(missing).all().get(20, TimeUnit.SECONDS);
                            LOG.info(() -> "created topics " + missing.stream().map(NewTopic::name).toList());
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof TopicExistsException)) {
                                throw e;
                            }
                        }
                    }
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not create topics " + names + " on " + bootstrap, e);
                    }
                    LOG.info(() -> "broker not ready for topic creation yet: " + e);
                    Thread.sleep(250);
                }
            }
        }
    }

    private KafkaBrokerMain() {
    }
}
