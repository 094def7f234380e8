package app.rapport.messaging;

import com.mongodb.MongoException;
import jakarta.annotation.PreDestroy;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies a batch of consumed records with bulk writes, each {@code ce_id} once. It is what
 * {@link InboundProcessor} is for one record, for a whole poll.
 *
 * <h2>How a consumer uses it</h2>
 * Channel configuration (the same keys as a per-record consumer, plus {@code batch=true}):
 * <pre>
 * mp.messaging.incoming.advocate-events.connector=smallrye-kafka
 * mp.messaging.incoming.advocate-events.topic=advocate-events
 * mp.messaging.incoming.advocate-events.group.id=ask-service
 * mp.messaging.incoming.advocate-events.auto.offset.reset=earliest
 * mp.messaging.incoming.advocate-events.value.deserializer=org.apache.kafka.common.serialization.StringDeserializer
 * mp.messaging.incoming.advocate-events.batch=true
 * mp.messaging.incoming.advocate-events.max.poll.records=500
 * mp.messaging.incoming.advocate-events.failure-strategy=dead-letter-queue
 * mp.messaging.incoming.advocate-events.dead-letter-queue.topic=ask-service.advocate-events.dlq
 * </pre>
 * The method:
 * <pre>
 * &#64;Inject InboundBatchProcessor batches;
 *
 * &#64;Incoming("advocate-events")
 * &#64;Blocking
 * public void consume(ConsumerRecords&lt;String, String&gt; records) {
 *     batches.process("advocate-events", records, this::prepare, this::applyAll);
 * }
 *
 * // per record, in order: read and check the event, say what to write (null: nothing)
 * Inbox.Change prepare(InboundEvent e) { ... throw new MalformedEventException(...) for a bad one ... }
 *
 * // the batch's changes, in record order: one bulk write per collection
 * void applyAll(List&lt;Inbox.Change&gt; changes) { Inbox.applyOnceAll(collection, changes); }
 * </pre>
 *
 * <h2>What it guarantees</h2>
 * <ul>
 *   <li><b>Order.</b> {@code prepare} sees the records in the order of the poll (per partition, by
 *   offset; the events of one key are on one partition), and {@code apply} gets the changes in that
 *   order. Use ordered bulk writes ({@link Inbox#applyOnceAll}) so that two changes of one document
 *   keep their order.</li>
 *   <li><b>Poison records</b> (no CloudEvents id or type, no value, unreadable JSON, or
 *   {@code prepare} throws {@link app.rapport.events.MalformedEventException} or any other
 *   non-storage exception) go to the channel's dead-letter topic
 *   ({@code mp.messaging.incoming.<channel>.dead-letter-queue.topic}, default
 *   {@code dead-letter-topic-<topic>}) with the headers SmallRye's {@code dead-letter-queue}
 *   strategy writes ({@code dead-letter-reason}, {@code dead-letter-topic},
 *   {@code dead-letter-partition}, {@code dead-letter-offset}, ...), and the rest of the batch is
 *   applied. This is done here, before the method returns, because SmallRye's strategy, in batch
 *   mode, dead-letters every record of a nacked batch.</li>
 *   <li><b>A storage outage</b> ({@link MongoException}) retries {@code apply} with the whole list,
 *   with back-off, until it goes through or the service stops: the partition waits, so order is
 *   kept, and {@code apply} must therefore be idempotent per {@code ce_id} (the inbox is).</li>
 *   <li><b>A change that {@code apply} rejects</b> with another exception: the batch is applied
 *   again one change at a time, and the record whose change fails is dead-lettered.</li>
 * </ul>
 * The method returns normally except when interrupted, so SmallRye commits the batch's offsets
 * only after everything in it is applied or dead-lettered.
 */
@ApplicationScoped
public class InboundBatchProcessor {
    private static final Logger LOG = Logger.getLogger(InboundBatchProcessor.class);

    @Inject
    Config config;

    private volatile KafkaProducer<String, String> deadLetters;

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    private volatile EventTrace trace;

    /** A prepared change, the record it comes from, and the span of its handling (or null). */
    private record Item<T>(ConsumerRecord<String, String> record, InboundEvent event, T change, Span span) {
    }

    private EventTrace trace() {
        EventTrace t = trace;
        if (t == null) {
            t = openTelemetry != null && openTelemetry.isResolvable()
                    ? new EventTrace(openTelemetry.get().getTracerProvider()) : EventTrace.none();
            trace = t;
        }
        return t;
    }

    /**
     * Applies {@code records} (a poll of channel {@code channel}).
     *
     * @param prepare per record: the change it makes, or null for none; throws for a poison record
     * @param apply   the non-null changes, in record order, written in bulk; idempotent per ce_id
     */
    public <T> void process(String channel, Iterable<ConsumerRecord<String, String>> records,
            Function<InboundEvent, T> prepare, Consumer<List<T>> apply) {
        List<Item<T>> items = new ArrayList<>();
        String group = config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class)
                .orElse(null);
        for (ConsumerRecord<String, String> record : records) {
            InboundEvent event;
            try {
                event = CloudEventRecords.fromRecord(record);
            } catch (RuntimeException e) {
                deadLetter(channel, record, e);
                continue;
            }
            Span span = trace().process(group, record.topic(), event.id(), event.type(), record.headers());
            T change;
            try (Scope ignored = span == null ? Scope.noop() : span.makeCurrent()) {
                change = retrying(event, () -> prepare.apply(event));
            } catch (MongoException e) {
                EventTrace.failed(span, e);
                EventTrace.end(span);
                throw e; // interrupted while retrying
            } catch (RuntimeException e) {
                EventTrace.failed(span, e);
                EventTrace.end(span);
                deadLetter(channel, record, e);
                continue;
            }
            if (change != null) {
                items.add(new Item<>(record, event, change, span));
            } else {
                EventTrace.end(span);
            }
        }
        if (items.isEmpty()) {
            return;
        }
        try {
            applyAll(channel, items, apply);
        } finally {
            items.forEach(item -> EventTrace.end(item.span()));
        }
    }

    private <T> void applyAll(String channel, List<Item<T>> items, Consumer<List<T>> apply) {
        List<T> changes = items.stream().map(Item::change).toList();
        try {
            retrying(items.get(0).event(), () -> {
                apply.accept(changes);
                return null;
            });
        } catch (MongoException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("a batch of %d changes on %s failed (%s); applying them one at a time", changes.size(), channel,
                    e.toString());
            for (Item<T> item : items) {
                try {
                    retrying(item.event(), () -> {
                        apply.accept(List.of(item.change()));
                        return null;
                    });
                } catch (MongoException me) {
                    throw me;
                } catch (RuntimeException one) {
                    EventTrace.failed(item.span(), one);
                    deadLetter(channel, item.record(), one);
                }
            }
        }
    }

    /** Runs {@code work}, retrying a storage failure with back-off; other exceptions go to the caller. */
    private static <R> R retrying(InboundEvent event, java.util.function.Supplier<R> work) {
        long backoff = 100;
        while (true) {
            try {
                return work.get();
            } catch (MongoException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.warnf("storage unavailable while applying a batch from %s %s, retrying in %d ms: %s",
                        event.type(), event.id(), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /**
     * Sends the record to the channel's dead-letter topic, as SmallRye's {@code dead-letter-queue}
     * strategy would, and waits for the broker (retrying while it is away) so the offset is only
     * committed once the record is safe there. The value is not logged (it may hold anything).
     */
    void deadLetter(String channel, ConsumerRecord<String, String> record, Throwable reason) {
        String topic = config.getOptionalValue("mp.messaging.incoming." + channel + ".dead-letter-queue.topic",
                String.class).orElse("dead-letter-topic-" + record.topic());
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, null, record.key(), record.value());
        for (Header h : record.headers()) {
            dead.headers().add(h);
        }
        header(dead, "dead-letter-exception-class-name", reason.getClass().getName());
        header(dead, "dead-letter-reason", reason.getMessage() == null ? reason.toString() : reason.getMessage());
        if (reason.getCause() != null) {
            header(dead, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
            header(dead, "dead-letter-cause", reason.getCause().getMessage() == null ? reason.getCause().toString()
                    : reason.getCause().getMessage());
        }
        header(dead, "dead-letter-topic", record.topic());
        header(dead, "dead-letter-partition", Integer.toString(record.partition()));
        header(dead, "dead-letter-offset", Long.toString(record.offset()));
        LOG.warnf("dead-lettering %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(), topic,
                reason.getMessage());
        long backoff = 200;
        while (true) {
            try {
                producer(channel).send(dead).get(30, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering " + record.topic() + "-"
                        + record.partition() + "@" + record.offset(), e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warnf("could not dead-letter %s-%d@%d yet (%s), retrying in %d ms", record.topic(),
                        record.partition(), record.offset(), e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while dead-lettering", ie);
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer(String channel) {
        KafkaProducer<String, String> p = deadLetters;
        if (p == null) {
            synchronized (this) {
                p = deadLetters;
                if (p == null) {
                    String bootstrap = config.getOptionalValue("mp.messaging.incoming." + channel
                            + ".bootstrap.servers", String.class).orElseGet(() -> config.getValue(
                            "kafka.bootstrap.servers", String.class));
                    String service = config.getOptionalValue("rapport.service-name", String.class).orElse("rapport");
                    Properties props = OutboxRelayService.producerConfig(bootstrap, service);
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters");
                    p = new KafkaProducer<>(props);
                    deadLetters = p;
                }
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, String> p = deadLetters;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
