package app.rapport.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Small operations commands against a Kafka broker, for {@code ./rapport kafka ...}:
 * <pre>
 * topics                 every topic with its partitions and record count (dead-letter topics included)
 * tail TOPIC [N]         the last N records (default 10) of each partition: offset, key, CloudEvents headers, value
 * groups                 each consumer group with its lag per topic
 * delete-group GROUP     forget a stopped consumer group's offsets, so it replays from the earliest record
 * </pre>
 * {@code --bootstrap} ({@code KAFKA_BOOTSTRAP_SERVERS}, 127.0.0.1:9092) names the broker.
 */
public final class KafkaToolMain {

    public static void main(String[] argv) throws Exception {
        List<String> rest = new ArrayList<>();
        String bootstrap = null;
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--bootstrap") && i + 1 < argv.length) {
                bootstrap = argv[++i];
            } else {
                rest.add(argv[i]);
            }
        }
        if (bootstrap == null) {
            bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        }
        int exit = run(bootstrap, rest, System.out);
        System.exit(exit);
    }

    static int run(String bootstrap, List<String> args, PrintStream out) throws Exception {
        String command = args.isEmpty() ? "help" : args.get(0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            switch (command) {
                case "topics" -> topics(admin, out);
                case "tail" -> {
                    if (args.size() < 2) {
                        return usage(out);
                    }
                    tail(bootstrap, args.get(1), args.size() > 2 ? Integer.parseInt(args.get(2)) : 10, out);
                }
                case "groups" -> groups(admin, out);
                case "delete-group" -> {
                    if (args.size() < 2) {
                        return usage(out);
                    }
                    admin.deleteConsumerGroups(List.of(args.get(1))).all().get(15, TimeUnit.SECONDS);
                    out.println("deleted consumer group " + args.get(1) + ": on its next start it reads every topic from the earliest record");
                }
                default -> {
                    return usage(out);
                }
            }
        }
        return 0;
    }

    private static int usage(PrintStream out) {
        out.println("usage: topics | tail TOPIC [N] | groups | delete-group GROUP");
        return 2;
    }

    static void topics(Admin admin, PrintStream out) throws Exception {
        Set<String> names = new TreeSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS);
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
        out.printf("%-45s %10s %10s%n", "TOPIC", "PARTITIONS", "RECORDS");
        for (String name : names) {
            long records = partitions.stream().filter(tp -> tp.topic().equals(name))
                    .mapToLong(tp -> latest.get(tp) - earliest.get(tp)).sum();
            out.printf("%-45s %10d %10d%s%n", name, descriptions.get(name).partitions().size(), records,
                    name.endsWith(".dlq") && records > 0 ? "   <- dead letters" : "");
        }
    }

    static void tail(String bootstrap, String topic, int perPartition, PrintStream out) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                out.println("no topic " + topic);
                return;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long wanted = 0;
            for (TopicPartition tp : partitions) {
                long from = Math.max(begin.get(tp), end.get(tp) - perPartition);
                consumer.seek(tp, from);
                wanted += end.get(tp) - from;
            }
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (records.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
            }
            records.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
            for (ConsumerRecord<String, String> r : records) {
                out.printf("%s %s-%d@%d key=%s%n", Instant.ofEpochMilli(r.timestamp()), r.topic(), r.partition(), r.offset(), r.key());
                for (Header h : r.headers()) {
                    out.printf("    %s: %s%n", h.key(), h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8));
                }
                String value = r.value() == null ? "null" : r.value();
                out.println("    " + (value.length() > 2000 ? value.substring(0, 2000) + "..." : value));
            }
            out.println(records.size() + " record(s)");
        }
    }

    static void groups(Admin admin, PrintStream out) throws Exception {
        Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get(15, TimeUnit.SECONDS);
        out.printf("%-28s %-45s %10s %10s%n", "GROUP", "TOPIC", "COMMITTED", "LAG");
        for (String group : groups.stream().map(ConsumerGroupListing::groupId).sorted().toList()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, Long> latest = offsets(admin, committed.keySet(), OffsetSpec.latest());
            Map<String, long[]> byTopic = new TreeMap<>();
            committed.forEach((tp, om) -> {
                long[] sums = byTopic.computeIfAbsent(tp.topic(), t -> new long[2]);
                long offset = om == null ? 0 : om.offset();
                sums[0] += offset;
                sums[1] += Math.max(0, latest.getOrDefault(tp, offset) - offset);
            });
            if (byTopic.isEmpty()) {
                out.printf("%-28s %-45s %10s %10s%n", group, "(no committed offsets)", "-", "-");
            }
            byTopic.forEach((topic, sums) -> out.printf("%-28s %-45s %10d %10d%n", group, topic, sums[0], sums[1]));
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec))).all().get(15, TimeUnit.SECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private KafkaToolMain() {
    }
}
