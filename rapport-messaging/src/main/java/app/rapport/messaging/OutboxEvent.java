package app.rapport.messaging;

import app.rapport.events.EventJson;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * One pending event as it is kept inside the changed document, in its {@code outbox} array.
 * The id becomes {@code ce_id}; it is fixed when the change is committed, so a re-publish after a
 * crash carries the same id and consumers drop it. {@code traceparent} is the W3C trace context of
 * the span the change was committed in, or null ({@link EventTrace}); the relay continues that trace.
 */
public record OutboxEvent(String id, String topic, String key, String type, Instant time, String payload,
        String traceparent) {

    public static final String OUTBOX_FIELD = "outbox";

    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }

    /** An event committed now, in the current trace (if any). */
    public OutboxEvent(String id, String topic, String key, String type, Instant time, String payload) {
        this(id, topic, key, type, time, payload, EventTrace.current());
    }

    /** A new event with a fresh id, stamped now, the payload mapped to JSON. */
    public static OutboxEvent of(String topic, String key, String type, Object payload) {
        return new OutboxEvent(UUID.randomUUID().toString(), topic, key, type, Instant.now(), EventJson.write(payload));
    }

    public Document toDocument() {
        Document d = new Document("id", id)
                .append("topic", topic)
                .append("key", key)
                .append("type", type)
                .append("time", Date.from(time))
                .append("payload", payload);
        if (traceparent != null) {
            d.append("traceparent", traceparent);
        }
        return d;
    }

    public static OutboxEvent fromDocument(Document d) {
        return new OutboxEvent(d.getString("id"), d.getString("topic"), d.getString("key"), d.getString("type"),
                d.getDate("time").toInstant(), d.getString("payload"), d.getString("traceparent"));
    }
}
