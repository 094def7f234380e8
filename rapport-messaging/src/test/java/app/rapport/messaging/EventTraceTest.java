package app.rapport.messaging;

import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka hop of a trace, in a running application against the real broker and Mongo server: a
 * change committed inside a span keeps that span's context with its event in the outbox; the relay's
 * send is a PRODUCER span of the same trace whose context travels in the record's {@code traceparent}
 * header, next to the CloudEvents headers; the consumer's handling is a CONSUMER span whose parent is
 * that send. An event committed outside any trace travels without one.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class EventTraceTest {
    static final String TOPIC = "probe-batch-events";

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ServiceDatabase db;

    @Inject
    OutboxRelayService relay;

    @Inject
    BatchProbeConsumer consumer;

    /** Commits a document with one event, as a service does, and returns the event's id. */
    private String commit(String key, int amount) {
        OutboxEvent event = OutboxEvent.of(TOPIC, key, "rapport.test.amount.v1", Map.of("amount", amount));
        db.database().getCollection("things").insertOne(Outbox.withEvents(new Document("_id", key), event));
        relay.nudge();
        return event.id();
    }

    private static String attribute(SpanData span, String name) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(name))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
    }

    private Integer total(String key) {
        Document d = consumer.counters().find(eq("_id", key)).first();
        return d == null ? null : d.getInteger("total");
    }

    private Optional<SpanData> span(String traceId, SpanKind kind, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind && s.getName().equals(name))
                .findFirst();
    }

    @Test
    void anEventCarriesTheTraceItWasCommittedInThroughTheRelayToTheConsumer() {
        String key = "traced-" + UUID.randomUUID();
        Span request = openTelemetry.getTracer("test").spanBuilder("POST /things").setSpanKind(SpanKind.SERVER)
                .startSpan();
        try (Scope ignored = request.makeCurrent()) {
            commit(key, 5);
        } finally {
            request.end();
        }
        String traceId = request.getSpanContext().getTraceId();

        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(5).equals(total(key)));

        List<ConsumerRecord<String, String>> records = KafkaTestSupport.readSubject(TOPIC, key, 1, Duration.ofSeconds(20));
        String[] header = KafkaTestSupport.header(records.get(0), "traceparent").split("-");
        assertEquals(traceId, header[1], "the record's traceparent continues the request's trace");

        await().atMost(Duration.ofSeconds(20)).until(() -> span(traceId, SpanKind.CONSUMER, TOPIC + " process").isPresent());
        SpanData publish = span(traceId, SpanKind.PRODUCER, TOPIC + " publish").orElseThrow();
        SpanData process = span(traceId, SpanKind.CONSUMER, TOPIC + " process").orElseThrow();
        assertEquals(request.getSpanContext().getSpanId(), publish.getParentSpanId(),
                "the relay's send is a child of the span the change was committed in");
        assertEquals(publish.getSpanId(), header[2], "the record carries the send as its parent");
        assertEquals(publish.getSpanId(), process.getParentSpanId(), "the consumer's handling is a child of the send");
        assertEquals("plumbing-test", attribute(process, "messaging.kafka.consumer.group"));
        assertEquals(attribute(publish, "messaging.message.id"), attribute(process, "messaging.message.id"),
                "both spans name the event (its ce_id)");
    }

    @Test
    void anEventCommittedOutsideAnyTraceTravelsWithoutOne() {
        String key = "untraced-" + UUID.randomUUID();
        String eventId = commit(key, 7);

        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(7).equals(total(key)));
        List<ConsumerRecord<String, String>> records = KafkaTestSupport.readSubject(TOPIC, key, 1, Duration.ofSeconds(20));
        assertNull(KafkaTestSupport.header(records.get(0), "traceparent"));
        assertTrue(spans.getFinishedSpanItems().stream().noneMatch(s -> eventId.equals(attribute(s, "messaging.message.id"))),
                "no send or handling span is made for it");
    }
}
