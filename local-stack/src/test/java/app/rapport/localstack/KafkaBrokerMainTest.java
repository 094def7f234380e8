package app.rapport.localstack;

import app.rapport.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka main as its own process: a real KRaft broker that formats its storage, creates the three
 * topics, takes and serves records, and keeps them across a SIGTERM stop and a restart.
 */
class KafkaBrokerMainTest {

    @TempDir
    Path dir;

    @Test
    void startsWithTheTopicsCarriesRecordsAndKeepsThemAcrossARestart() throws Exception {
        int port = LocalProcess.freePort();
        int controllerPort = LocalProcess.freePort();
        Path data = dir.resolve("kafka");
        Path log = dir.resolve("kafka.log");
        String bootstrap = "127.0.0.1:" + port;
        String[] args = {"--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort),
                "--data-dir", data.toString()};
        String key = "adv-" + UUID.randomUUID();
        String value = "{\"advocateId\":\"" + key + "\"}";

        try (LocalProcess kafka = LocalProcess.start("kafka", KafkaBrokerMain.class, log, args).awaitReady(0, 120)) {
            assertTrue(Files.exists(data.resolve("log").resolve("meta.properties")), "storage was formatted");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Map<String, TopicDescription> topics = admin.describeTopics(Topics.CREATED).allTopicNames().get(30, TimeUnit.SECONDS);
                for (String topic : Topics.CREATED) {
                    assertEquals(Topics.PARTITIONS, topics.get(topic).partitions().size(), topic + " has three partitions");
                }
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ADVOCATE_EVENTS, key, value);
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                RecordMetadata sent = producer.send(record).get(30, TimeUnit.SECONDS);
                assertEquals(Topics.ADVOCATE_EVENTS, sent.topic());
            }
            assertEquals(List.of(value), consume(bootstrap, key, "group-before"));

            // ./rapport kafka ... (KafkaToolMain) sees the same broker
            String topics = tool(bootstrap, "topics");
            assertTrue(topics.matches("(?s).*advocate-events\\s+3\\s+1\\n.*"), "one record on advocate-events:\n" + topics);
            assertTrue(topics.matches("(?s).*ask-events\\s+3\\s+0\\n.*"), topics);
            String tail = tool(bootstrap, "tail", Topics.ADVOCATE_EVENTS, "5");
            assertTrue(tail.contains("key=" + key) && tail.contains("ce_id: ") && tail.contains(value), tail);
            assertTrue(tool(bootstrap, "groups").contains("group-before"), "the consumer group is listed");
            int exit = kafka.stop();
            assertTrue(exit == 0 || exit == 143, "SIGTERM stops the broker cleanly, got exit " + exit);
        }

        try (LocalProcess kafka = LocalProcess.start("kafka", KafkaBrokerMain.class, log, args).awaitReady(1, 120)) {
            assertTrue(kafka.tail().contains("already formatted"), "a restart keeps the formatted storage");
            assertEquals(List.of(value), consume(bootstrap, key, "group-after"), "the record survived the restart");
            kafka.stop();
        }
    }

    private static String tool(String bootstrap, String... args) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = KafkaToolMain.run(bootstrap, List.of(args), new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        return text;
    }

    private static List<String> consume(String bootstrap, String key, String group) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.ADVOCATE_EVENTS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
        }
        return values;
    }
}
