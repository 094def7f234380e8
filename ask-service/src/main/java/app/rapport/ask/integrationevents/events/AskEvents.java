package app.rapport.ask.integrationevents.events;

import app.rapport.events.Topics;
import app.rapport.events.ask.AskEvent;
import app.rapport.messaging.OutboxEvent;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The ask-events ask-service publishes, built from an ask document: ids, codes and times only (no
 * context, notes or reasons' free text), keyed by advocateId so each advocate's events stay in order.
 */
public final class AskEvents {

    public static OutboxEvent of(Document ask, String type, String status, String previousStatus,
            List<String> reasonCodes, String channel, Boolean accepted, String by, Instant at) {
        String dueBy = ask.getString("dueBy");
        AskEvent payload = new AskEvent(ask.getString("_id"), ask.getString("advocateId"), ask.getString("accountId"),
                ask.getString("requesterId"), ask.getString("ownerId"), ask.getString("activity"), status,
                previousStatus, dueBy == null ? null : LocalDate.parse(dueBy), reasonCodes, channel, accepted, by, at);
        return new OutboxEvent(java.util.UUID.randomUUID().toString(), Topics.ASK_EVENTS, ask.getString("advocateId"),
                type, at, app.rapport.events.EventJson.write(payload));
    }

    public static OutboxEvent simple(Document ask, String type, String status, String previousStatus, String by,
            Instant at) {
        return of(ask, type, status, previousStatus, null, null, null, by, at);
    }

    private AskEvents() {
    }
}
