package app.rapport.messaging;

import app.rapport.events.MalformedEventException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A batch consumer wired as services wire theirs ({@code batch=true}), for the plumbing tests. */
@ApplicationScoped
public class BatchProbeConsumer {
    @Inject
    MongoClient mongo;

    @Inject
    InboundBatchProcessor batches;

    /** How many polls were handed over (a batch may hold one record or hundreds). */
    final AtomicInteger batchesSeen = new AtomicInteger();
    final AtomicInteger largestBatch = new AtomicInteger();

    public MongoCollection<Document> counters() {
        return mongo.getDatabase("plumbing").getCollection("probe-batch-counters");
    }

    @Incoming("probe-batch")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batchesSeen.incrementAndGet();
        largestBatch.accumulateAndGet(records.count(), Math::max);
        batches.process("probe-batch", records, this::prepare, changes -> Inbox.applyOnceAll(counters(), changes));
    }

    Inbox.Change prepare(InboundEvent event) {
        Map<?, ?> payload = event.payload(Map.class);
        if (!(payload.get("amount") instanceof Number amount)) {
            throw new MalformedEventException(event.id() + " has no amount");
        }
        return new Inbox.Change(event.key(), event.id(), Updates.combine(Updates.inc("total", amount.intValue()),
                Updates.push("amounts", amount.intValue())));
    }

    /** The largest poll handed over so far (a method: fields of a CDI client proxy are not the bean's). */
    public int largestBatch() {
        return largestBatch.get();
    }

    public List<Integer> amounts(Document d) {
        return d.getList("amounts", Integer.class);
    }
}
