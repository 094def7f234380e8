package app.rapport.testing;

import app.rapport.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads and writes raw records on the shared test broker, for assertions on what went over Kafka. */
public final class KafkaTestSupport {

    /** A consumer reading the topic from the beginning, in its own group. Close it after use. */
    public static KafkaConsumer<String, String> consumerFromStart(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        c.subscribe(List.of(topic));
        return c;
    }

    /**
     * Polls the topic from the beginning until {@code done} holds for the records matching
     * {@code filter}, or the timeout passes; returns those records.
     */
    public static List<ConsumerRecord<String, String>> readUntil(String topic,
            Predicate<ConsumerRecord<String, String>> filter,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        List<ConsumerRecord<String, String>> matched = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> c = consumerFromStart(topic)) {
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        matched.add(r);
                    }
                }
                if (done.test(matched)) {
                    break;
                }
            }
        }
        return matched;
    }

    /** Records of a topic whose ce_subject (the advocate) is {@code subject}, read until {@code count} arrived. */
    public static List<ConsumerRecord<String, String>> readSubject(String topic, String subject, int count,
            Duration timeout) {
        return readUntil(topic, r -> subject.equals(header(r, CloudEventHeaders.SUBJECT)),
                l -> l.size() >= count, timeout);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Sends one raw record, headers given as name → value, and waits for the acknowledgement. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e, e);
        }
    }

    /** Sends a CloudEvent the way the outbox relays do. */
    public static void sendCloudEvent(String topic, String id, String type, String subject, String json) {
        send(topic, subject, json, Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, id,
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "test",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, subject,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
    }

    private KafkaTestSupport() {
    }
}
