package app.rapport.gateway.integrationevents.eventhandling;

import app.rapport.gateway.readmodel.Folds;
import app.rapport.messaging.InboundBatchProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The gateway's consumers (group {@code gateway}) of the three topics, feeding the ops read model,
 * a poll at a time ({@code batch=true}): each event is folded into its writes, and the batch is
 * applied with one bulk write per collection ({@link InboundBatchProcessor}). A record that can
 * never be applied goes to {@code gateway.<topic>.dlq}; the rest of its batch is applied.
 */
@ApplicationScoped
public class ReadModelConsumers {
    @Inject
    Folds folds;

    @Inject
    InboundBatchProcessor batches;

    @Incoming("advocate-events")
    @Blocking
    public void advocateEvents(ConsumerRecords<String, String> records) {
        batches.process("advocate-events", records, folds::advocate, folds::apply);
    }

    @Incoming("ask-events")
    @Blocking
    public void askEvents(ConsumerRecords<String, String> records) {
        batches.process("ask-events", records, folds::ask, folds::apply);
    }

    @Incoming("touchpoint-events")
    @Blocking
    public void touchpointEvents(ConsumerRecords<String, String> records) {
        batches.process("touchpoint-events", records, folds::touchpoint, folds::apply);
    }
}
