package app.rapport.gateway.ops;

import app.rapport.events.Topics;
import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.config.GatewayConfig;
import app.rapport.gateway.proxy.ServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.rapport.gateway.proxy.Upstream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The live state of the event pipeline, refreshed every few seconds: consumer lag per group and
 * topic and dead-letter record counts (Kafka AdminClient), and each service's health and outbox
 * backlog (its {@code /q/health} and the {@code rapport_outbox_pending_events} gauge of its
 * {@code /q/metrics}). This is a reading of other systems' current state, not a counter; the latest
 * reading is kept in memory and served with the summary.
 */
@ApplicationScoped
public class PipelineMonitor {
    private static final Logger LOG = Logger.getLogger(PipelineMonitor.class);
    /** Who consumes what (docs/events.md): lag is shown only where a group actually reads. */
    static final Map<String, List<String>> SUBSCRIPTIONS = subscriptions();
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private static Map<String, List<String>> subscriptions() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("advocate-service", List.of(Topics.ACCOUNT_SIGNALS));
        m.put("ask-service", List.of(Topics.ADVOCATE_EVENTS, Topics.TOUCHPOINT_EVENTS));
        m.put("touchpoint-service", List.of(Topics.ADVOCATE_EVENTS, Topics.ASK_EVENTS));
        m.put("gateway", Topics.ALL);
        return m;
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    GatewayConfig config;

    @Inject
    ServiceClient client;

    @Inject
    ObjectMapper mapper;

    private Admin admin;
    private volatile Map<String, Object> latest;

    public Map<String, Object> latest() {
        Map<String, Object> l = latest;
        if (l == null) {
            refresh();
            l = latest;
        }
        return l;
    }

    @Scheduled(every = "${rapport.ops.pipeline-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("checkedAt", Instant.now().toString());
        try {
            kafka(p);
        } catch (Exception e) {
            LOG.debugf("pipeline: Kafka not readable: %s", e.toString());
            p.put("kafkaError", "Kafka could not be read: " + e.getClass().getSimpleName());
        }
        p.put("services", services());
        latest = p;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000,
                    AdminClientConfig.CLIENT_ID_CONFIG, "gateway-ops"));
        }
        return admin;
    }

    void onStop(@Observes ShutdownEvent e) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private void kafka(Map<String, Object> p) throws Exception {
        Admin a = admin();
        List<String> dlqTopics = a.listTopics().names().get(4, TimeUnit.SECONDS).stream()
                .filter(n -> n.endsWith(".dlq")).sorted().toList();
        List<String> topics = new ArrayList<>(Topics.CREATED);
        topics.addAll(dlqTopics);
        Map<String, TopicDescription> described = a.describeTopics(topics).allTopicNames().get(4, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(pi -> partitions.add(new TopicPartition(d.name(),
                pi.partition()))));
        Map<TopicPartition, Long> end = offsets(a, partitions, OffsetSpec.latest());

        List<Map<String, Object>> lag = new ArrayList<>();
        for (String group : SUBSCRIPTIONS.keySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = a.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(4, TimeUnit.SECONDS);
            for (String topic : SUBSCRIPTIONS.get(group)) {
                long total = 0;
                boolean any = false;
                for (TopicPartition tp : partitions) {
                    if (!tp.topic().equals(topic)) {
                        continue;
                    }
                    OffsetAndMetadata c = committed.get(tp);
                    long e = end.getOrDefault(tp, 0L);
                    if (c != null) {
                        any = true;
                        total += Math.max(0, e - c.offset());
                    } else {
                        total += e;
                    }
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("group", group);
                row.put("topic", topic);
                row.put("lag", total);
                row.put("committed", any);
                lag.add(row);
            }
        }
        p.put("consumerLag", lag);

        List<TopicPartition> dlqPartitions = partitions.stream().filter(tp -> tp.topic().endsWith(".dlq")).toList();
        Map<TopicPartition, Long> start = dlqPartitions.isEmpty() ? Map.of()
                : offsets(a, dlqPartitions, OffsetSpec.earliest());
        Map<String, Long> dlq = new TreeMap<>();
        for (TopicPartition tp : dlqPartitions) {
            dlq.merge(tp.topic(), Math.max(0, end.getOrDefault(tp, 0L) - start.getOrDefault(tp, 0L)), Long::sum);
        }
        List<Map<String, Object>> dead = new ArrayList<>();
        dlq.forEach((t, n) -> dead.add(Map.of("topic", t, "records", n)));
        p.put("deadLetters", dead);
    }

    private static Map<TopicPartition, Long> offsets(Admin a, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = a.listOffsets(request).all()
                .get(4, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        r.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private List<Map<String, Object>> services() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<DownstreamService, java.util.concurrent.CompletableFuture<Upstream>> health = new LinkedHashMap<>();
        Map<DownstreamService, java.util.concurrent.CompletableFuture<Upstream>> metrics = new LinkedHashMap<>();
        for (DownstreamService s : DownstreamService.values()) {
            health.put(s, client.probe(s, "/q/health", PROBE_TIMEOUT).toCompletionStage().toCompletableFuture());
            metrics.put(s, client.probe(s, "/q/metrics", PROBE_TIMEOUT).toCompletionStage().toCompletableFuture());
        }
        for (DownstreamService s : DownstreamService.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", s.serviceName());
            row.put("health", healthOf(health.get(s)));
            row.put("outboxPending", outboxOf(metrics.get(s)));
            row.put("breaker", client.state(s).name());
            out.add(row);
        }
        return out;
    }

    private String healthOf(java.util.concurrent.CompletableFuture<Upstream> f) {
        try {
            Upstream r = f.get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            try {
                JsonNode n = mapper.readTree(r.text());
                if (n.hasNonNull("status")) {
                    return n.get("status").asText();
                }
            } catch (Exception ignored) {
                // not JSON: judge by the status code
            }
            return r.status() == 200 ? "UP" : "DOWN";
        } catch (Exception e) {
            return "UNREACHABLE";
        }
    }

    private Long outboxOf(java.util.concurrent.CompletableFuture<Upstream> f) {
        try {
            Upstream r = f.get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return r.status() == 200 ? pendingOutbox(r.text()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The value of {@code rapport_outbox_pending_events} in a Prometheus text page, or null. */
    static Long pendingOutbox(String prometheus) {
        Long total = null;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("rapport_outbox_pending_events")
                    && (line.length() == 29 || line.charAt(29) == ' ' || line.charAt(29) == '{')) {
                String[] parts = line.trim().split("\\s+");
                try {
                    long v = (long) Double.parseDouble(parts[parts.length - 1]);
                    total = total == null ? v : total + v;
                } catch (NumberFormatException ignored) {
                    // a malformed line: skip
                }
            }
        }
        return total;
    }
}
