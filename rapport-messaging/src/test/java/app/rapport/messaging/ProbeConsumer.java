package app.rapport.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/** A consumer wired exactly like the services' ones, for the plumbing tests. */
@ApplicationScoped
public class ProbeConsumer {
    @Inject
    MongoClient mongo;

    public MongoCollection<Document> counters() {
        return mongo.getDatabase("plumbing").getCollection("probe-counters");
    }

    @Incoming("probe")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        InboundProcessor.process(record, event -> {
            Map<?, ?> payload = event.payload(Map.class);
            Inbox.applyOnce(counters(), event.key(), event.id(),
                    Updates.inc("total", ((Number) payload.get("amount")).intValue()));
        });
    }
}
