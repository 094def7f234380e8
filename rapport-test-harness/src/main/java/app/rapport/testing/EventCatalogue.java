package app.rapport.testing;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event contract as the repository states it, {@code asyncapi/asyncapi.yaml} and the JSON Schemas (draft
 * 2020-12) under {@code asyncapi/schemas/} in rapport-event-contracts, loaded from the classpath, and the check
 * that a Kafka record keeps to it:
 * <ul>
 *   <li>its topic is a channel of the document;</li>
 *   <li>its {@code ce_type} is a message of that channel;</li>
 *   <li>its headers are valid against the message's headers schema (the CloudEvents binary-mode headers:
 *       {@code ce_specversion} 1.0, {@code content-type} application/json, ...), each header once;</li>
 *   <li>its key is what the message's {@code x-key} says (a payload field, a header or a constant) and
 *       {@code ce_subject} is the key;</li>
 *   <li>its value is valid against the type's JSON Schema.</li>
 * </ul>
 * {@link #problems} names what is wrong with one record, {@link #assertConform} fails with every bad record and why.
 */
public final class EventCatalogue {
    public static final String BASE = "asyncapi/";
    public static final String DOCUMENT = BASE + "asyncapi.yaml";
    public static final String SCHEMAS = BASE + "schemas/";

    private static volatile EventCatalogue instance;

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    /** channel address → ce_type → the message object. */
    private final Map<String, Map<String, JsonNode>> channels = new LinkedHashMap<>();

    public static EventCatalogue get() {
        EventCatalogue c = instance;
        if (c == null) {
            synchronized (EventCatalogue.class) {
                c = instance;
                if (c == null) {
                    c = new EventCatalogue();
                    instance = c;
                }
            }
        }
        return c;
    }

    private EventCatalogue() {
        try (InputStream in = resource(DOCUMENT)) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOCUMENT + ": " + e, e);
        }
        if (!"3.0.0".equals(document.path("asyncapi").asText())) {
            throw new IllegalStateException(DOCUMENT + " is not an AsyncAPI 3.0.0 document");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("channels").fields(); it.hasNext(); ) {
            JsonNode channel = it.next().getValue();
            String address = channel.path("address").asText();
            if (address.contains("{")) {
                continue; // a family of topics (the dead letters), no record of ours is validated on it
            }
            Map<String, JsonNode> messages = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> m = channel.path("messages").fields(); m.hasNext(); ) {
                JsonNode message = resolve(m.next().getValue());
                messages.put(message.path("name").asText(), message);
            }
            channels.put(address, messages);
        }
    }

    private static InputStream resource(String path) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        InputStream in = cl == null ? null : cl.getResourceAsStream(path);
        if (in == null) {
            in = EventCatalogue.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException(path + " is not on the classpath (it is in rapport-event-contracts)");
        }
        return in;
    }

    /** Follows a local {@code $ref: '#/...'} of the document. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String r = ref.asText();
        if (!r.startsWith("#/")) {
            throw new IllegalStateException(DOCUMENT + ": only local references are followed here, not " + r);
        }
        JsonNode target = document.at(r.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException(DOCUMENT + ": " + r + " points at nothing");
        }
        return resolve(target);
    }

    public JsonNode document() {
        return document;
    }

    /** The topics of the document (the dead-letter family aside). */
    public Set<String> channels() {
        return channels.keySet();
    }

    /** The ce_types of one channel, in the document's order; empty for an unknown channel. */
    public Set<String> messages(String channel) {
        return channels.getOrDefault(channel, Map.of()).keySet();
    }

    /** Every ce_type of the document. */
    public Set<String> messages() {
        Set<String> all = new LinkedHashSet<>();
        channels.values().forEach(m -> all.addAll(m.keySet()));
        return all;
    }

    /** The services that publish on the document's channels: the {@code ce_source} their headers schemas fix. */
    public Set<String> publishers() {
        Set<String> sources = new TreeSet<>();
        for (Map<String, JsonNode> messages : channels.values()) {
            for (JsonNode message : messages.values()) {
                JsonNode source = resolve(message.path("headers")).path("properties").path(CloudEventHeaders.SOURCE)
                        .path("const");
                if (source.isTextual()) {
                    sources.add(source.asText());
                }
            }
        }
        return sources;
    }

    /** Whether a Rapport service published the record (tests inject theirs with {@code ce_source=test}). */
    public boolean publishedByRapport(ConsumerRecord<String, String> record) {
        String source = KafkaTestSupport.header(record, CloudEventHeaders.SOURCE);
        return source != null && publishers().contains(source);
    }

    /** The classpath location of the payload schema of a ce_type, as the message's payload references it. */
    public String payloadSchemaPath(String ceType) {
        JsonNode message = message(ceType);
        if (message == null) {
            throw new IllegalArgumentException(ceType + " is no message of " + DOCUMENT);
        }
        JsonNode payload = message.path("payload");
        JsonNode ref = payload.has("schema") ? payload.path("schema").path("$ref") : payload.path("$ref");
        String r = ref.asText();
        if (!r.startsWith("./schemas/")) {
            throw new IllegalStateException(DOCUMENT + ": the payload of " + ceType + " must reference ./schemas/…, not '"
                    + r + "'");
        }
        return BASE + r.substring(2);
    }

    private JsonNode message(String ceType) {
        for (Map<String, JsonNode> messages : channels.values()) {
            JsonNode m = messages.get(ceType);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** A JSON Schema of the classpath ({@code asyncapi/schemas/x.json}, or a fragment of the document), all refs resolved. */
    public JsonSchema schema(String classpathLocation) {
        return schemas.computeIfAbsent(classpathLocation, l -> {
            JsonSchema s = factory.getSchema(SchemaLocation.of("classpath:" + l), config);
            s.initializeValidators(); // a broken $ref fails here, not on the first record
            return s;
        });
    }

    /** What is wrong with a payload of the type, or nothing. */
    public List<String> payloadProblems(String ceType, String json) {
        List<String> problems = new ArrayList<>();
        JsonNode value;
        try {
            value = EventJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add("the value is not JSON: " + e.getOriginalMessage());
            return problems;
        } catch (IOException e) {
            problems.add("the value is not JSON: " + e.getMessage());
            return problems;
        }
        if (value == null || value.isMissingNode()) {
            problems.add("there is no value");
            return problems;
        }
        for (ValidationMessage m : schema(payloadSchemaPath(ceType)).validate(value)) {
            problems.add("value: " + m.getMessage());
        }
        return problems;
    }

    /** What is wrong with the record, or nothing when it keeps to the contract. */
    public List<String> problems(ConsumerRecord<String, String> record) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> messages = channels.get(record.topic());
        if (messages == null) {
            problems.add("topic " + record.topic() + " is no channel of " + DOCUMENT + " (channels: " + channels() + ")");
            return problems;
        }
        String type = KafkaTestSupport.header(record, CloudEventHeaders.TYPE);
        JsonNode message = type == null ? null : messages.get(type);
        if (message == null) {
            problems.add("ce_type " + type + " is no message of channel " + record.topic() + " (messages: "
                    + messages.keySet() + ")");
            return problems;
        }
        ObjectNode headers = EventJson.mapper().createObjectNode();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            seen.merge(h.key(), 1, Integer::sum);
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        seen.forEach((name, n) -> {
            if (n > 1) {
                problems.add("header " + name + " appears " + n + " times");
            }
        });
        String headersRef = message.path("headers").path("$ref").asText();
        if (!headersRef.startsWith("#/")) {
            problems.add(DOCUMENT + ": the headers of " + type + " must be a reference into the document");
        } else {
            for (ValidationMessage m : schema(DOCUMENT + headersRef).validate(headers)) {
                problems.add("headers: " + m.getMessage());
            }
        }
        problems.addAll(payloadProblems(type, record.value() == null ? "" : record.value()));
        problems.addAll(keyProblems(record, message, type));
        return problems;
    }

    private List<String> keyProblems(ConsumerRecord<String, String> record, JsonNode message, String type) {
        List<String> problems = new ArrayList<>();
        String key = record.key();
        String subject = KafkaTestSupport.header(record, CloudEventHeaders.SUBJECT);
        if (key == null || key.isEmpty()) {
            problems.add("the record has no key");
            return problems;
        }
        if (!key.equals(subject)) {
            problems.add("ce_subject " + subject + " is not the key " + key);
        }
        JsonNode rule = message.path("x-key");
        String expected;
        String what;
        if (rule.has("const")) {
            expected = rule.get("const").asText();
            what = "the constant";
        } else if (rule.has("payload")) {
            what = "payload " + rule.get("payload").asText();
            try {
                JsonNode v = record.value() == null ? null
                        : EventJson.mapper().readTree(record.value()).at(rule.get("payload").asText());
                expected = v == null || !v.isTextual() ? null : v.asText();
            } catch (IOException e) {
                return problems; // reported with the value
            }
        } else if (rule.has("header")) {
            what = "header " + rule.get("header").asText();
            expected = KafkaTestSupport.header(record, rule.get("header").asText());
        } else {
            problems.add(DOCUMENT + ": message " + type + " says nothing of its key (x-key)");
            return problems;
        }
        if (!key.equals(expected)) {
            problems.add("the key " + key + " is not " + what + " (" + expected + ")");
        }
        return problems;
    }

    /** Fails, naming every record that does not keep to the contract and why. */
    public void assertConform(Collection<ConsumerRecord<String, String>> records) {
        List<String> failures = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            List<String> p = problems(r);
            if (!p.isEmpty()) {
                failures.add(describe(r) + ":\n      " + String.join("\n      ", p));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + records.size() + " records do not keep to " + DOCUMENT
                    + ":\n  " + String.join("\n  ", failures));
        }
    }

    /** {@code topic-partition@offset ce_type ce_id key}: enough to find the record again. */
    public static String describe(ConsumerRecord<String, String> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset() + " " + KafkaTestSupport.header(r, CloudEventHeaders.TYPE)
                + " ce_id=" + KafkaTestSupport.header(r, CloudEventHeaders.ID) + " ce_source="
                + KafkaTestSupport.header(r, CloudEventHeaders.SOURCE) + " key=" + r.key();
    }

    /**
     * Every record on the topics, from the beginning up to the end offsets read at the start (what was there
     * when the call began). A topic that does not exist gives no record.
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, Collection<String> topics,
            Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "catalogue-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> existing = c.listTopics(timeout);
            for (String topic : topics) {
                for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            if (partitions.isEmpty()) {
                return records;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!reached(c, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topics + " to their end offsets " + end
                            + " within " + timeout);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
