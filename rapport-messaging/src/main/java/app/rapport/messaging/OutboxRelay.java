package app.rapport.messaging;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the events waiting in the {@code outbox} arrays of some collections, then removes them.
 *
 * <ul>
 *   <li><b>At least once.</b> An event leaves the document only after Kafka acknowledged it
 *   ({@code acks=all}, idempotent producer). A crash between the two re-publishes it after the
 *   restart with the same {@code ce_id}; consumers drop the copy.</li>
 *   <li><b>In order per key.</b> Pending events are sent sorted by commit time (and position in their
 *   document) through one producer, and the key (advocateId) picks the partition.</li>
 *   <li><b>One relay at a time.</b> Instances of one service compete for a lease document; only the
 *   holder publishes. A holder that dies stops renewing, and another takes over when the lease
 *   expires. Nothing is lost either way; the lease only keeps duplicates rare.</li>
 *   <li><b>Wakes on change.</b> Change streams (where the server offers them) and {@link #nudge()} wake
 *   the relay at once; otherwise it polls.</li>
 * </ul>
 */
public class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    public static final String LEASE_COLLECTION = "outbox_relay_lease";

    /** Tuning of a relay; defaults suit a small service. */
    public record Settings(Duration pollInterval, Duration leaseTtl, int batchSize, Duration sendTimeout,
            boolean watchChanges) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(500), Duration.ofSeconds(10), 200, Duration.ofSeconds(30), true);
        }
    }

    private final MongoDatabase database;
    private final List<String> collections;
    private final Producer<String, String> producer;
    private final String source;
    private final Settings settings;
    private final String instanceId = UUID.randomUUID().toString();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lastPending = new AtomicLong();
    private volatile boolean running;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private Thread worker;
    private final List<Thread> watchers = new ArrayList<>();
    private final List<MongoChangeStreamCursor<?>> cursors = new ArrayList<>();

    public OutboxRelay(MongoDatabase database, List<String> collections, Producer<String, String> producer,
            String source, Settings settings) {
        this.database = database;
        this.collections = List.copyOf(collections);
        this.producer = producer;
        this.source = source;
        this.settings = settings;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        collections.forEach(this::ensurePendingIndex);
        worker = new Thread(this::loop, "outbox-relay-" + source);
        worker.setDaemon(true);
        worker.start();
        if (settings.watchChanges()) {
            for (String name : collections) {
                Thread t = new Thread(() -> watch(name), "outbox-watch-" + name);
                t.setDaemon(true);
                watchers.add(t);
                t.start();
            }
        }
    }

    /** Wakes the relay now instead of at the next poll. */
    public void nudge() {
        wake.release();
    }

    /** Stops publishing and gives the lease up so another instance can take over at once. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        synchronized (cursors) {
            cursors.forEach(c -> {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // the watcher is going away anyway
                }
            });
        }
        try {
            if (worker != null) {
                worker.join(settings.sendTimeout().toMillis() + 5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchers.forEach(Thread::interrupt);
        releaseLease();
    }

    public long publishedCount() {
        return published.get();
    }

    /** Events seen pending at the last pass (0 when the outbox was drained). */
    public long pendingAtLastPass() {
        return lastPending.get();
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastError() {
        return lastError;
    }

    public boolean isRunning() {
        return running;
    }

    /** Counts the events waiting in the outboxes right now (for metrics and the ops dashboard). */
    public long countPending() {
        long n = 0;
        for (String name : collections) {
            for (Document d : database.getCollection(name).find(hasPending())
                    .projection(Projections.include(OutboxEvent.OUTBOX_FIELD))) {
                List<?> outbox = d.getList(OutboxEvent.OUTBOX_FIELD, Object.class);
                n += outbox == null ? 0 : outbox.size();
            }
        }
        return n;
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                if (tryLease()) {
                    more = publishBatch();
                    lastError = null;
                }
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.warnf("outbox relay pass failed, will retry: %s", e.toString());
            }
            if (!more) {
                try {
                    wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One pass: reads up to a batch of pending events over all collections, sends them in commit
     * order, waits for Kafka's acknowledgements and removes exactly the acknowledged ones.
     *
     * @return true when a full batch was found (there may be more waiting)
     */
    public boolean publishBatch() {
        record Pending(String collection, Object docId, int position, OutboxEvent event) {
        }
        List<Pending> pending = new ArrayList<>();
        for (String name : collections) {
            for (Document d : database.getCollection(name).find(hasPending())
                    .projection(Projections.include(OutboxEvent.OUTBOX_FIELD)).limit(settings.batchSize())) {
                List<Document> outbox = d.getList(OutboxEvent.OUTBOX_FIELD, Document.class);
                for (int i = 0; i < outbox.size(); i++) {
                    pending.add(new Pending(name, d.get("_id"), i, OutboxEvent.fromDocument(outbox.get(i))));
                }
            }
        }
        lastPending.set(pending.size());
        if (pending.isEmpty()) {
            lastSuccess = Instant.now();
            return false;
        }
        pending.sort(Comparator.comparing((Pending p) -> p.event().time()).thenComparing(Pending::position));

        List<Future<RecordMetadata>> futures = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            futures.add(producer.send(CloudEventRecords.toRecord(p.event(), source)));
        }
        producer.flush();

        // Remove what Kafka acknowledged. For a key whose send failed, keep that event and every
        // later one of the same key, so that they go out again in their original order.
        Set<String> failedKeys = new HashSet<>();
        Map<String, Map<Object, List<String>>> done = new LinkedHashMap<>();
        RuntimeException firstFailure = null;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            if (failedKeys.contains(p.event().key())) {
                continue;
            }
            try {
                futures.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                done.computeIfAbsent(p.collection(), c -> new LinkedHashMap<>())
                        .computeIfAbsent(p.docId(), k -> new ArrayList<>()).add(p.event().id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failedKeys.add(p.event().key());
                firstFailure = firstFailure == null ? new IllegalStateException("interrupted") : firstFailure;
            } catch (ExecutionException | TimeoutException e) {
                failedKeys.add(p.event().key());
                if (firstFailure == null) {
                    firstFailure = new IllegalStateException("publishing " + p.event().type() + " "
                            + p.event().id() + " failed: " + e.getMessage(), e);
                }
            }
        }
        int sent = 0;
        for (var byCollection : done.entrySet()) {
            MongoCollection<Document> coll = database.getCollection(byCollection.getKey());
            for (var byDoc : byCollection.getValue().entrySet()) {
                markPublished(coll, byDoc.getKey(), byDoc.getValue());
                sent += byDoc.getValue().size();
            }
        }
        published.addAndGet(sent);
        if (firstFailure != null) {
            throw firstFailure;
        }
        lastSuccess = Instant.now();
        return pending.size() >= settings.batchSize();
    }

    /** Removes acknowledged events from one document's outbox. Overridable to simulate a crash in tests. */
    protected void markPublished(MongoCollection<Document> collection, Object docId, List<String> eventIds) {
        collection.updateOne(Filters.eq("_id", docId),
                Updates.pull(OutboxEvent.OUTBOX_FIELD, Filters.in("id", eventIds)));
    }

    /** Documents with at least one pending event; served by the sparse index {@link #ensurePendingIndex}. */
    private static Bson hasPending() {
        return Filters.exists(OutboxEvent.OUTBOX_FIELD + ".id");
    }

    /**
     * A sparse index on {@code outbox.id}: only documents with pending events are in it, so a pass
     * reads those instead of scanning the collection (on MongoDB; mongo-java-server ignores
     * non-unique indexes and scans).
     */
    private void ensurePendingIndex(String collection) {
        try {
            database.getCollection(collection).createIndex(Indexes.ascending(OutboxEvent.OUTBOX_FIELD + ".id"),
                    new IndexOptions().sparse(true).name("outbox_pending"));
        } catch (RuntimeException e) {
            LOG.warnf("could not create the outbox index on %s (%s); passes will scan", collection, e.toString());
        }
    }

    private boolean tryLease() {
        Date now = new Date();
        Date until = new Date(now.getTime() + settings.leaseTtl().toMillis());
        try {
            database.getCollection(LEASE_COLLECTION).updateOne(
                    Filters.and(Filters.eq("_id", source),
                            Filters.or(Filters.eq("holder", instanceId), Filters.lt("expiresAt", now))),
                    Updates.combine(Updates.set("holder", instanceId), Updates.set("expiresAt", until)),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (Inbox.isDuplicateKey(e)) {
                return false; // another instance holds a live lease
            }
            throw e;
        }
    }

    private void releaseLease() {
        try {
            database.getCollection(LEASE_COLLECTION).updateOne(
                    Filters.and(Filters.eq("_id", source), Filters.eq("holder", instanceId)),
                    Updates.set("expiresAt", new Date(0)));
        } catch (RuntimeException e) {
            LOG.debugf("could not release the outbox lease: %s", e.toString());
        }
    }

    private void watch(String collection) {
        while (running) {
            try (MongoChangeStreamCursor<?> cursor = database.getCollection(collection).watch()
                    .maxAwaitTime(1, TimeUnit.SECONDS).cursor()) {
                synchronized (cursors) {
                    cursors.add(cursor);
                }
                while (running) {
                    if (cursor.tryNext() != null) {
                        wake.release();
                    } else {
                        Thread.sleep(50); // some servers answer an empty getMore at once
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // no change streams here (a standalone server, say): polling alone does the job
                LOG.debugf("change stream on %s unavailable (%s); relying on polling", collection, e.toString());
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
