package app.rapport.messaging;

import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Arrays;
import java.util.List;

/**
 * Helpers that put events into the same single-document write as the state change that caused
 * them. There is no second write to forget: either the change and its events are committed
 * together, or neither is.
 */
public final class Outbox {

    /** The update clause that appends events to a document's outbox; combine it with the change. */
    public static Bson push(OutboxEvent... events) {
        return push(Arrays.asList(events));
    }

    public static Bson push(List<OutboxEvent> events) {
        return Updates.pushEach(OutboxEvent.OUTBOX_FIELD, events.stream().map(OutboxEvent::toDocument).toList(),
                new PushOptions());
    }

    /** Adds the outbox to a document about to be inserted. */
    public static Document withEvents(Document document, OutboxEvent... events) {
        return withEvents(document, Arrays.asList(events));
    }

    public static Document withEvents(Document document, List<OutboxEvent> events) {
        document.put(OutboxEvent.OUTBOX_FIELD, events.stream().map(OutboxEvent::toDocument).toList());
        return document;
    }

    private Outbox() {
    }
}
