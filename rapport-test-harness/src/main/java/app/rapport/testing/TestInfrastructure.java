package app.rapport.testing;

import app.rapport.events.Topics;
import app.rapport.embeddedmongo.EmbeddedMongoServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The real infrastructure every test in one JVM shares: an Apache Kafka broker in KRaft mode and a
 * MongoDB server reached over TCP through the real Java driver.
 *
 * <p>With Docker available it runs {@code apache/kafka} and {@code mongo:7} through Testcontainers;
 * without Docker (the default here) an in-process KRaft cluster ({@link KafkaClusterTestKit}) and the
 * project's {@link EmbeddedMongoServer} on an in-memory store (the local stack's server: indexes used,
 * {@code rapportQueryStats}), with its capped oplog on so change streams work. {@code -Drapport.test.infra=embedded}
 * or {@code =containers} forces one.
 */
public final class TestInfrastructure {
    private static TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String mongoConnectionString;
    private final String mode;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "test-infrastructure-stop"));
        }
        return instance;
    }

    private TestInfrastructure() {
        String wanted = System.getProperty("rapport.test.infra", "auto");
        boolean containers = "containers".equals(wanted) || ("auto".equals(wanted) && dockerAvailable());
        try {
            if (containers) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
                kafka.start();
                closeables.add(kafka::stop);
                MongoDBContainer mongo = new MongoDBContainer("mongo:7");
                mongo.start();
                closeables.add(mongo::stop);
                kafkaBootstrapServers = kafka.getBootstrapServers();
                mongoConnectionString = mongo.getReplicaSetUrl();
                mode = "containers";
            } else {
                kafkaBootstrapServers = startEmbeddedKafka();
                mongoConnectionString = startEmbeddedMongo();
                mode = "embedded";
            }
            createTopics(Topics.CREATED);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not start the test infrastructure: " + e, e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private String startEmbeddedKafka() throws Exception {
        Path target = Path.of("target");
        Path kafkaDirectory = Files.createTempDirectory(Files.isDirectory(target) ? target : Path.of(
                System.getProperty("java.io.tmpdir")), "kafka-");
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                // our own directory: Kafka's default temp directory is deleted by a shutdown hook that
                // races the broker's own shutdown, and a broker that loses its log dir halts the JVM
                .setBaseDirectory(kafkaDirectory)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setDeleteOnClose(false)
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", String.valueOf(Topics.PARTITIONS))
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        closeables.add(cluster);
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster.bootstrapServers();
    }

    private String startEmbeddedMongo() {
        // the same server as the local stack's, on an in-memory store; oplog on (capped) because
        // rapport-messaging's relay tests exercise change streams
        EmbeddedMongoServer server = EmbeddedMongoServer.inMemory().oplog(true).start();
        closeables.add(server);
        return server.connectionString();
    }

    /** Creates topics (three partitions each) unless they exist. */
    public void createTopics(Collection<String> names) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, Topics.PARTITIONS, (short) 1)).toList();
            try {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics " + names + ": " + e, e);
        }
    }

    /**
     * Registers something that uses the infrastructure (service processes, say) to be closed at JVM
     * exit before the broker and the Mongo server go away, so it can shut down cleanly.
     */
    public synchronized void closeBeforeInfrastructure(AutoCloseable closeable) {
        closeables.add(closeable);
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers));
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String mongoConnectionString() {
        return mongoConnectionString;
    }

    public String mode() {
        return mode;
    }

    private synchronized void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
        closeables.clear();
    }
}
