package app.rapport.messaging;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** Maps between outbox events and Kafka records in CloudEvents 1.0 binary mode. */
public final class CloudEventRecords {

    public static ProducerRecord<String, String> toRecord(OutboxEvent event, String source) {
        return toRecord(event, source, null);
    }

    /** The record of {@code event}, with {@code traceparent} (the relay's publish span) when not null. */
    public static ProducerRecord<String, String> toRecord(OutboxEvent event, String source, String traceparent) {
        Headers headers = new RecordHeaders();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        put(headers, CloudEventHeaders.ID, event.id());
        put(headers, CloudEventHeaders.TYPE, event.type());
        put(headers, CloudEventHeaders.SOURCE, source);
        put(headers, CloudEventHeaders.TIME, event.time().toString());
        put(headers, CloudEventHeaders.SUBJECT, event.key());
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (traceparent != null) {
            put(headers, EventTrace.HEADER, traceparent);
        }
        return new ProducerRecord<>(event.topic(), null, event.key(), event.payload(), headers);
    }

    /**
     * Reads a consumed record. A record without the required CloudEvents attributes or without
     * a value can never be applied, so it is a {@link MalformedEventException}: the consumer
     * dead-letters it and carries on.
     */
    public static InboundEvent fromRecord(ConsumerRecord<String, String> record) {
        String id = header(record.headers(), CloudEventHeaders.ID);
        String type = header(record.headers(), CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new MalformedEventException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has no ce_id or ce_type header");
        }
        if (record.value() == null || record.value().isBlank()) {
            throw new MalformedEventException("record " + id + " (" + type + ") has no value");
        }
        return new InboundEvent(id, type, header(record.headers(), CloudEventHeaders.SOURCE),
                header(record.headers(), CloudEventHeaders.TIME), header(record.headers(), CloudEventHeaders.SUBJECT),
                record.key(), record.value(), record.topic(), record.partition(), record.offset());
    }

    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private CloudEventRecords() {
    }
}
