package app.rapport.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Headers;

import java.util.Map;

/**
 * The W3C trace context of an event, from the request that committed it to the consumers that apply
 * it (OpenTelemetry's API; the SDK, and whether anything is exported, is the service's
 * quarkus-opentelemetry configuration, off by default).
 *
 * <ol>
 *   <li>{@link #current()}: when a change is committed, the {@code traceparent} of the span in which
 *   it happens is kept with the event in the document's outbox ({@link OutboxEvent#traceparent()}).
 *   The outbox write stays a single-document write; the trace is one more field.</li>
 *   <li>{@link #publish}: the relay's send is a {@code PRODUCER} span, child of that stored context,
 *   and its own context travels in the record's {@code traceparent} header, next to the CloudEvents
 *   headers.</li>
 *   <li>{@link #process}: a consumer's handling of the record is a {@code CONSUMER} span, child of
 *   the header's context; the storage calls it makes are inside it.</li>
 * </ol>
 * An event without a trace (committed outside any span, or by a tracer that is off) is published
 * and applied without spans: there is no trace to continue.
 */
public final class EventTrace {
    public static final String HEADER = "traceparent";
    static final String INSTRUMENTATION = "app.rapport.messaging";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public EventTrace(TracerProvider provider) {
        this.tracer = provider.get(INSTRUMENTATION);
    }

    /** Spans that are never recorded: for a relay or a processor used without OpenTelemetry. */
    public static EventTrace none() {
        return new EventTrace(TracerProvider.noop());
    }

    /** The {@code traceparent} of the current span, or null when there is none (or it is not valid). */
    public static String current() {
        return traceparent(Span.current().getSpanContext());
    }

    static String traceparent(SpanContext c) {
        return c.isValid() ? "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex() : null;
    }

    private static Context parent(String traceparent) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceparent), MAP);
    }

    /**
     * The relay's send of {@code event}, as a {@code PRODUCER} span continuing the trace the event
     * was committed in; null when the event carries none. The caller puts {@link #traceparent(Span)}
     * in the record's headers and ends the span once Kafka answered.
     */
    Span publish(OutboxEvent event) {
        if (event.traceparent() == null) {
            return null;
        }
        Context parent = parent(event.traceparent());
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return null;
        }
        return tracer.spanBuilder(event.topic() + " publish")
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "publish")
                .setAttribute("messaging.destination.name", event.topic())
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
    }

    /** The {@code traceparent} a record carries for {@code span}: its trace, with it as the parent. */
    static String traceparent(Span span) {
        return traceparent(span.getSpanContext());
    }

    static void failed(Span span, Throwable error) {
        if (span != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }
    }

    /**
     * A consumer's handling of one record, as a {@code CONSUMER} span continuing the trace in its
     * {@code traceparent} header; null when the record has none. The caller makes it current while
     * it works and ends it when the record is applied or dead-lettered.
     */
    Span process(String group, String topic, String eventId, String eventType, Headers headers) {
        String traceparent = CloudEventRecords.header(headers, HEADER);
        if (traceparent == null) {
            return null;
        }
        Context parent = parent(traceparent);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return null;
        }
        var builder = tracer.spanBuilder(topic + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", topic);
        if (group != null) {
            builder.setAttribute("messaging.kafka.consumer.group", group);
        }
        if (eventId != null) {
            builder.setAttribute("messaging.message.id", eventId);
        }
        if (eventType != null) {
            builder.setAttribute("cloudevents.event_type", eventType);
        }
        return builder.startSpan();
    }

    static void end(Span span) {
        if (span != null) {
            span.end();
        }
    }
}
