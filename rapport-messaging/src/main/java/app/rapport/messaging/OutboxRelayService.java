package app.rapport.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Runs the {@link OutboxRelay} inside a service. Configuration:
 * <pre>
 * rapport.service-name=advocate-service          # ce_source and the lease name
 * rapport.outbox.collections=advocates           # collections whose documents carry an outbox
 * rapport.outbox.enabled=true
 * rapport.outbox.poll-interval=500ms
 * rapport.outbox.batch-size=500                   # documents read (and events published) per pass
 * rapport.outbox.watch-changes=true               # wake on change streams where the server has them
 * </pre>
 * Turn watch-changes off against mongo-java-server: its change streams rescan the whole oplog on
 * every read, which grows without bound there; polling plus {@link #nudge()} is as prompt.
 * It exposes {@code rapport_outbox_pending_events} ({@link OutboxRelay#pendingEstimate()}: no query
 * of its own) and {@code rapport_outbox_published}.
 */
@ApplicationScoped
public class OutboxRelayService {
    private static final Logger LOG = Logger.getLogger(OutboxRelayService.class);

    @Inject
    ServiceDatabase db;

    @Inject
    MeterRegistry registry;

    /** quarkus-opentelemetry's, where the service has it: the relay's sends continue the events' traces. */
    @Inject
    Instance<OpenTelemetry> openTelemetry;

    @ConfigProperty(name = "rapport.service-name")
    String serviceName;

    @ConfigProperty(name = "rapport.outbox.collections")
    List<String> collections;

    @ConfigProperty(name = "rapport.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "rapport.outbox.poll-interval", defaultValue = "500ms")
    Duration pollInterval;

    @ConfigProperty(name = "rapport.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "rapport.outbox.lease-ttl", defaultValue = "10s")
    Duration leaseTtl;

    @ConfigProperty(name = "rapport.outbox.watch-changes", defaultValue = "true")
    boolean watchChanges;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, String> producer;
    private OutboxRelay relay;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("outbox relay disabled (rapport.outbox.enabled=false)");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(bootstrapServers, serviceName));
        EventTrace trace = openTelemetry.isResolvable()
                ? new EventTrace(openTelemetry.get().getTracerProvider()) : EventTrace.none();
        relay = new OutboxRelay(db.database(), collections, producer, serviceName,
                new OutboxRelay.Settings(pollInterval, leaseTtl, batchSize, Duration.ofSeconds(30), watchChanges),
                trace);
        relay.start();
        Gauge.builder("rapport.outbox.pending.events", relay, OutboxRelay::pendingEstimate)
                .description("Events committed but not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("rapport.outbox.published", relay, OutboxRelay::publishedCount)
                .description("Events published by this instance since it started")
                .register(registry);
        LOG.infof("outbox relay started for %s on %s", serviceName, collections);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Call after a committed write to publish without waiting for the next poll. */
    public void nudge() {
        if (relay != null) {
            relay.nudge();
        }
    }

    public long pendingEvents() {
        return relay == null ? 0 : relay.pendingEstimate();
    }

    public OutboxRelay relay() {
        return relay;
    }

    /** Idempotent producer, acks=all: the settings every relay uses. */
    public static Properties producerConfig(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }
}
