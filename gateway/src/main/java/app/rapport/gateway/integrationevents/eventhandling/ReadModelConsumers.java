package app.rapport.gateway.integrationevents.eventhandling;

import app.rapport.gateway.readmodel.Folds;
import app.rapport.messaging.InboundProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The gateway's consumers (group {@code gateway}) of the three topics, feeding the ops read model.
 * A record that can never be applied goes to {@code gateway.<topic>.dlq}.
 */
@ApplicationScoped
public class ReadModelConsumers {
    @Inject
    Folds folds;

    @Incoming("advocate-events")
    @Blocking
    public void advocateEvents(ConsumerRecord<String, String> record) {
        InboundProcessor.process(record, folds::advocate);
    }

    @Incoming("ask-events")
    @Blocking
    public void askEvents(ConsumerRecord<String, String> record) {
        InboundProcessor.process(record, folds::ask);
    }

    @Incoming("touchpoint-events")
    @Blocking
    public void touchpointEvents(ConsumerRecord<String, String> record) {
        InboundProcessor.process(record, folds::touchpoint);
    }
}
