package app.rapport.messaging;

import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.opentelemetry.api.trace.Span;
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
 *   <li><b>Found through an index, in batches.</b> Every write that adds events also sets the
 *   document's {@code outboxSince} (see {@link Outbox}); a pass reads up to {@code batchSize}
 *   documents by a range on its sparse index, oldest first, publishes their events in one go and
 *   removes them with one bulk write per collection. The cost of a pass depends on the batch, not
 *   on the size of the collection.</li>
 *   <li><b>In order per key.</b> Pending events are sent sorted by their commit stamp
 *   ({@code seq}, then position in their document) through one producer, and the key (advocateId)
 *   picks the partition. A key whose send failed keeps that event and every later one.</li>
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
    public static final String PENDING_INDEX = "outbox_since";
    /** The one intentional scan of the relay: at start, marking pending events written before outboxSince. */
    public static final String LEGACY_SCAN = "scan:outbox-legacy-mark";
    static final int COUNT_CAP = 100_000;
    static final long ESTIMATE_EVERY_MS = 2_000;

    /** Tuning of a relay; defaults suit a small service. */
    public record Settings(Duration pollInterval, Duration leaseTtl, int batchSize, Duration sendTimeout,
            boolean watchChanges) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(500), Duration.ofSeconds(10), 500, Duration.ofSeconds(30), true);
        }
    }

    private final MongoDatabase database;
    private final List<String> collections;
    private final Producer<String, String> producer;
    private final String source;
    private final Settings settings;
    private final EventTrace trace;
    private final String instanceId = UUID.randomUUID().toString();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lastPending = new AtomicLong();
    private volatile long lastEstimateAt;
    private volatile boolean running;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private Thread worker;
    private final List<Thread> watchers = new ArrayList<>();
    private final List<MongoChangeStreamCursor<?>> cursors = new ArrayList<>();

    public OutboxRelay(MongoDatabase database, List<String> collections, Producer<String, String> producer,
            String source, Settings settings) {
        this(database, collections, producer, source, settings, EventTrace.none());
    }

    /** A relay whose sends are {@code PRODUCER} spans of the traces the events were committed in. */
    public OutboxRelay(MongoDatabase database, List<String> collections, Producer<String, String> producer,
            String source, Settings settings, EventTrace trace) {
        this.trace = trace;
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

    /** Events seen pending at the last pass (0 when drained); see {@link #pendingEstimate()}. */
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

    /**
     * Counts what is waiting, for tests and tools: the documents with pending events (each holds one
     * or more), read from the sparse {@code outboxSince} index with a limit of {@value #COUNT_CAP} per
     * collection, so it never scans however large the backlog. 0 means drained.
     */
    public long countPending() {
        long n = 0;
        for (String name : collections) {
            n += database.getCollection(name).countDocuments(hasPending(), new CountOptions().limit(COUNT_CAP));
        }
        return n;
    }

    /**
     * What the {@code rapport_outbox_pending_events} gauge shows, without a query of its own: the
     * events the last pass found when it found less than a batch (the exact backlog), else a count
     * of the waiting documents ({@link #countPending()}, at most every {@value #ESTIMATE_EVERY_MS} ms).
     */
    public long pendingEstimate() {
        return lastPending.get();
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

    /** One document's pending events as a pass read them. */
    private record PendingDoc(String collection, Object id, long since, List<Document> entries) {
    }

    private record Pending(PendingDoc doc, int position, long seq, OutboxEvent event) {
    }

    /**
     * What a pass removes from one document once Kafka acknowledged it: {@code eventIds}; when
     * {@code remainingSince} is null they were the whole outbox of {@code outboxSize} entries as
     * read, else what stays pending starts at that stamp.
     */
    public record Published(Object docId, long since, int outboxSize, List<String> eventIds, Long remainingSince) {
        public boolean all() {
            return remainingSince == null;
        }
    }

    /**
     * One pass: reads, oldest first through the sparse {@code outboxSince} index, up to a batch of
     * documents with pending events per collection, sends their events in commit order (stamp
     * {@value Outbox#SEQ}), waits for Kafka's acknowledgements and removes exactly the acknowledged
     * ones, with one bulk write per collection.
     *
     * <p>Order per key across documents: a document not read has {@code outboxSince} at or after the
     * last one read, and so do all its events; events of read documents stamped later than that
     * boundary wait for the next pass.
     *
     * @return true when there may be more waiting (a full batch was read)
     */
    public boolean publishBatch() {
        List<PendingDoc> docs = new ArrayList<>();
        long boundary = Long.MAX_VALUE;
        boolean full = false;
        for (String name : collections) {
            List<Document> page = new ArrayList<>();
            database.getCollection(name).find(hasPending())
                    .projection(Projections.include(OutboxEvent.OUTBOX_FIELD, Outbox.SINCE))
                    .sort(Sorts.ascending(Outbox.SINCE)).limit(settings.batchSize()).into(page);
            for (Document d : page) {
                List<Document> outbox = d.getList(OutboxEvent.OUTBOX_FIELD, Document.class);
                Number since = d.get(Outbox.SINCE, Number.class);
                docs.add(new PendingDoc(name, d.get("_id"), since == null ? 0L : since.longValue(),
                        outbox == null ? List.of() : outbox));
            }
            if (page.size() >= settings.batchSize()) {
                full = true;
                boundary = Math.min(boundary, docs.get(docs.size() - 1).since());
            }
        }
        List<Pending> all = new ArrayList<>();
        for (PendingDoc d : docs) {
            for (int i = 0; i < d.entries().size(); i++) {
                Document entry = d.entries().get(i);
                all.add(new Pending(d, i, Outbox.seqOf(entry), OutboxEvent.fromDocument(entry)));
            }
        }
        final long cut = boundary;
        List<Pending> pending = new ArrayList<>(all.stream().filter(p -> p.seq() <= cut).toList());
        if (pending.isEmpty() && !all.isEmpty()) {
            // stamps out of line with outboxSince (clocks of several writers): at least move on
            PendingDoc first = docs.stream().min(Comparator.comparingLong(PendingDoc::since)).orElseThrow();
            all.stream().filter(p -> p.doc() == first).forEach(pending::add);
        }
        notePending(full, all.size());
        if (pending.isEmpty()) {
            clearEmptyDocs(docs);
            lastSuccess = Instant.now();
            return false;
        }
        pending.sort(Comparator.comparingLong(Pending::seq).thenComparingLong(p -> p.doc().since())
                .thenComparingInt(Pending::position));

        List<Future<RecordMetadata>> futures = new ArrayList<>(pending.size());
        List<Span> spans = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            Span span = trace.publish(p.event());
            spans.add(span);
            futures.add(producer.send(CloudEventRecords.toRecord(p.event(), source,
                    span == null ? null : EventTrace.traceparent(span))));
        }
        producer.flush();

        // Remove what Kafka acknowledged. For a key whose send failed, keep that event and every
        // later one of the same key, so that they go out again in their original order.
        Set<String> failedKeys = new HashSet<>();
        Map<PendingDoc, List<String>> acked = new LinkedHashMap<>();
        RuntimeException firstFailure = null;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Span span = spans.get(i);
            if (failedKeys.contains(p.event().key())) {
                EventTrace.failed(span, new IllegalStateException("not acknowledged: an earlier event of its key failed"));
                EventTrace.end(span);
                continue;
            }
            try {
                futures.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acked.computeIfAbsent(p.doc(), k -> new ArrayList<>()).add(p.event().id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failedKeys.add(p.event().key());
                EventTrace.failed(span, e);
                firstFailure = firstFailure == null ? new IllegalStateException("interrupted") : firstFailure;
            } catch (ExecutionException | TimeoutException e) {
                failedKeys.add(p.event().key());
                EventTrace.failed(span, e);
                if (firstFailure == null) {
                    firstFailure = new IllegalStateException("publishing " + p.event().type() + " "
                            + p.event().id() + " failed: " + e.getMessage(), e);
                }
            }
            EventTrace.end(span);
        }
        Map<String, List<Published>> byCollection = new LinkedHashMap<>();
        for (var e : acked.entrySet()) {
            PendingDoc d = e.getKey();
            Set<String> ids = new HashSet<>(e.getValue());
            Long remainingSince = null;
            for (Document entry : d.entries()) {
                if (!ids.contains(entry.getString("id"))) {
                    long seq = Outbox.seqOf(entry);
                    remainingSince = remainingSince == null ? seq : Math.min(remainingSince, seq);
                }
            }
            byCollection.computeIfAbsent(d.collection(), c -> new ArrayList<>())
                    .add(new Published(d.id(), d.since(), d.entries().size(), e.getValue(), remainingSince));
        }
        for (var e : byCollection.entrySet()) {
            markPublished(database.getCollection(e.getKey()), e.getValue());
            published.addAndGet(e.getValue().stream().mapToInt(p -> p.eventIds().size()).sum());
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        lastSuccess = Instant.now();
        return full || pending.size() < all.size();
    }

    private void notePending(boolean full, long eventsRead) {
        if (!full) {
            lastPending.set(eventsRead);
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastEstimateAt >= ESTIMATE_EVERY_MS) {
            lastEstimateAt = now;
            lastPending.set(Math.max(eventsRead, countPending()));
        }
    }

    /** Documents left with {@code outboxSince} but an empty outbox (should not happen): drop the mark. */
    private void clearEmptyDocs(List<PendingDoc> docs) {
        for (PendingDoc d : docs) {
            if (d.entries().isEmpty()) {
                database.getCollection(d.collection()).updateOne(
                        Filters.and(Filters.eq("_id", d.id()), Filters.eq(Outbox.SINCE, d.since())),
                        Updates.unset(Outbox.SINCE));
            }
        }
    }

    /**
     * Removes acknowledged events, one bulk write for the collection. A document whose whole outbox
     * went out loses its outbox and {@code outboxSince} in one conditional update (the outbox still
     * has the size read, so nothing was added since); otherwise the events are pulled and
     * {@code outboxSince} moves to the oldest one left. When a condition no longer holds (an event
     * was added meanwhile), a plain pull of the acknowledged ids follows, keeping the older mark.
     * Overridable to simulate a crash in tests.
     */
    protected void markPublished(MongoCollection<Document> collection, List<Published> docs) {
        List<WriteModel<Document>> first = new ArrayList<>(docs.size());
        for (Published p : docs) {
            if (p.all()) {
                first.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq("_id", p.docId()), Filters.size(OutboxEvent.OUTBOX_FIELD, p.outboxSize())),
                        Updates.combine(Updates.unset(OutboxEvent.OUTBOX_FIELD), Updates.unset(Outbox.SINCE))));
            } else {
                first.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq("_id", p.docId()), Filters.eq(Outbox.SINCE, p.since())),
                        Updates.combine(Updates.pull(OutboxEvent.OUTBOX_FIELD, Filters.in("id", p.eventIds())),
                                Updates.set(Outbox.SINCE, p.remainingSince()))));
            }
        }
        BulkWriteResult result = collection.bulkWrite(first, new BulkWriteOptions().ordered(false));
        if (result.getMatchedCount() == docs.size()) {
            return;
        }
        List<WriteModel<Document>> rest = new ArrayList<>(docs.size());
        for (Published p : docs) {
            rest.add(new UpdateOneModel<>(
                    Filters.and(Filters.eq("_id", p.docId()), Filters.eq(OutboxEvent.OUTBOX_FIELD + ".id",
                            p.eventIds().get(0))),
                    Updates.pull(OutboxEvent.OUTBOX_FIELD, Filters.in("id", p.eventIds()))));
        }
        collection.bulkWrite(rest, new BulkWriteOptions().ordered(false));
    }

    /** Documents with at least one pending event: a range on the sparse index {@link #ensurePendingIndex}. */
    static Bson hasPending() {
        return Filters.gte(Outbox.SINCE, Long.MIN_VALUE);
    }

    /**
     * The sparse index on {@code outboxSince}: only documents with pending events are in it, so a
     * pass reads those, oldest first, instead of scanning the collection. Documents written before
     * the mark existed (an outbox but no {@code outboxSince}) get one, once, at start.
     */
    private void ensurePendingIndex(String collection) {
        MongoCollection<Document> c = database.getCollection(collection);
        try {
            c.createIndex(Indexes.ascending(Outbox.SINCE), new IndexOptions().sparse(true).name(PENDING_INDEX));
        } catch (RuntimeException e) {
            LOG.warnf("could not create the outbox index on %s (%s); passes will scan", collection, e.toString());
        }
        try {
            // the earlier index on outbox.id, no longer read; dropped only when listed, because a
            // store logs a failed dropIndexes as an error
            boolean legacy = false;
            for (Document index : c.listIndexes()) {
                legacy |= "outbox_pending".equals(index.getString("name"));
            }
            if (legacy) {
                c.dropIndex("outbox_pending");
            }
        } catch (RuntimeException e) {
            LOG.debugf("could not drop the earlier outbox index on %s (%s)", collection, e.toString());
        }
        try {
            long marked = c.updateMany(Filters.and(Filters.exists(OutboxEvent.OUTBOX_FIELD + ".0"),
                            Filters.exists(Outbox.SINCE, false)), Updates.set(Outbox.SINCE, 0L),
                    new UpdateOptions().comment(LEGACY_SCAN)).getModifiedCount();
            if (marked > 0) {
                LOG.infof("marked %d documents of %s with pending events from before outboxSince", marked, collection);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not mark older pending events on %s (%s)", collection, e.toString());
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
