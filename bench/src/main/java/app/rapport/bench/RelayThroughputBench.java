package app.rapport.bench;

import app.rapport.messaging.Outbox;
import app.rapport.messaging.OutboxEvent;
import app.rapport.messaging.OutboxRelay;
import app.rapport.messaging.OutboxRelayService;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How fast committed events leave the outbox: commits {@code events} events spread over
 * {@code documents} documents (one write each, as services do), then starts a relay and measures
 * the time until every event was acknowledged by Kafka and removed from its document, and until a
 * consumer has read them all. Runs against the real in-process KRaft broker and mongo-java-server.
 *
 * <pre>./mvnw -q -pl bench exec:java -Dexec.mainClass=app.rapport.bench.RelayThroughputBench -Dexec.args="20000 2000"</pre>
 */
public final class RelayThroughputBench {
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        TestInfrastructure infra = TestInfrastructure.get();
        String topic = "bench-" + UUID.randomUUID();
        infra.createTopics(List.of(topic));

        try (MongoClient mongo = MongoClients.create(infra.mongoConnectionString())) {
            MongoDatabase db = mongo.getDatabase("bench");
            MongoCollection<Document> things = db.getCollection("things-" + UUID.randomUUID());
            long commitStart = System.nanoTime();
            for (int d = 0; d < documents; d++) {
                things.insertOne(new Document("_id", "doc-" + d).append("value", 0));
            }
            for (int i = 0; i < events; i++) {
                int d = i % documents;
                OutboxEvent e = OutboxEvent.of(topic, "adv-" + d, "rapport.bench.changed.v1", Map.of("value", i));
                things.updateOne(Filters.eq("_id", "doc-" + d), Updates.combine(Updates.set("value", i), Outbox.push(e)));
            }
            double commitSeconds = (System.nanoTime() - commitStart) / 1e9;

            long start = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    OutboxRelayService.producerConfig(infra.kafkaBootstrapServers(), "bench"));
                    OutboxRelay relay = new OutboxRelay(db, List.of(things.getNamespace().getCollectionName()),
                            producer, "bench", new OutboxRelay.Settings(Duration.ofMillis(100), Duration.ofSeconds(10),
                            500, Duration.ofSeconds(30), false))) {
                relay.start();
                while (relay.countPending() > 0) {
                    Thread.sleep(50);
                }
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;

            long read = 0;
            try (KafkaConsumer<String, String> consumer = KafkaTestSupport.consumerFromStart(topic)) {
                long deadline = System.currentTimeMillis() + 120_000;
                while (read < events && System.currentTimeMillis() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    read += records.count();
                }
            }
            double endToEndSeconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("RelayThroughputBench infra=%s events=%d documents=%d%n", infra.mode(), events, documents);
            System.out.printf("  commit (one write per change):   %.2f s  (%.0f writes/s)%n", commitSeconds,
                    events / commitSeconds);
            System.out.printf("  relay drained outbox:            %.2f s  (%.0f events/s)%n", publishSeconds,
                    events / publishSeconds);
            System.out.printf("  consumer read all %d records:  %.2f s after relay start%n", read, endToEndSeconds);
            if (read < events) {
                System.out.println("  WARNING: not every record was read back");
                System.exit(1);
            }
        }
        System.exit(0);
    }

    private RelayThroughputBench() {
    }
}
