package app.rapport.messaging;

import app.rapport.events.MalformedEventException;
import com.mongodb.MongoException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * What every consumer does with a record, in one place:
 * <ul>
 *   <li>A record that can never be applied (no CloudEvents id or type, no value, unreadable JSON)
 *   is rethrown as {@link MalformedEventException}; the channel's {@code dead-letter-queue} failure
 *   strategy moves it to the dead-letter topic and consumption carries on.</li>
 *   <li>A storage outage is not the record's fault: the handler is retried with back-off (the
 *   partition waits, so order is kept) until it goes through or the service stops.</li>
 * </ul>
 * The handler itself must be idempotent by {@code ce_id}, normally through {@link Inbox}.
 */
public final class InboundProcessor {
    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);

    public static void process(ConsumerRecord<String, String> record, Consumer<InboundEvent> handler) {
        InboundEvent event = CloudEventRecords.fromRecord(record);
        long backoff = 100;
        while (true) {
            try {
                handler.accept(event);
                return;
            } catch (MongoException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.warnf("storage unavailable while applying %s %s, retrying in %d ms: %s", event.type(),
                        event.id(), backoff, e.getMessage());
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

    private InboundProcessor() {
    }
}
