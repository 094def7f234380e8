package app.rapport.messaging;

import app.rapport.events.EventJson;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A consumed CloudEvent: its attributes, its JSON value and where it was read from. */
public record InboundEvent(String id, String type, String source, String time, String subject, String key,
        String value, String topic, int partition, long offset) {

    public <T> T payload(Class<T> type) {
        return EventJson.read(value, type);
    }

    /** ce_time as an instant, or null when absent or unreadable. */
    public Instant timeOrNull() {
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
