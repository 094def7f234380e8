package app.rapport.messaging;

import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Helpers that put events into the same single-document write as the state change that caused
 * them. There is no second write to forget: either the change and its events are committed
 * together, or neither is.
 *
 * <p>Besides the events (array {@value OutboxEvent#OUTBOX_FIELD}, each entry with its {@value #SEQ}),
 * the same write sets the top-level {@value #SINCE}: the {@value #SEQ} of the oldest pending event of
 * the document ({@code $min}, so a second push keeps the older one). Only documents with pending
 * events have it, and a sparse index on it lets the relay find them, oldest first, with a bounded
 * range read instead of a scan. The relay removes it with the last event it publishes.
 */
public final class Outbox {
    /** Top-level field: {@link #SEQ} of the oldest pending event; absent when nothing is pending. */
    public static final String SINCE = "outboxSince";
    /** Per entry: commit stamp, microseconds since the epoch, strictly increasing within a process. */
    public static final String SEQ = "seq";

    private static final AtomicLong LAST = new AtomicLong();

    /**
     * The next commit stamp: the wall clock in microseconds since the epoch, bumped by one when it
     * would not increase, so events stamped by one process sort in the order they were stamped.
     */
    public static long nextSeq() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return LAST.accumulateAndGet(micros, (last, t) -> t > last ? t : last + 1);
    }

    /** The update clause that appends events to a document's outbox; combine it with the change. */
    public static Bson push(OutboxEvent... events) {
        return push(Arrays.asList(events));
    }

    public static Bson push(List<OutboxEvent> events) {
        List<Document> entries = entries(events);
        if (entries.isEmpty()) {
            return Updates.pushEach(OutboxEvent.OUTBOX_FIELD, entries, new PushOptions());
        }
        return Updates.combine(Updates.pushEach(OutboxEvent.OUTBOX_FIELD, entries, new PushOptions()),
                Updates.min(SINCE, entries.get(0).getLong(SEQ)));
    }

    /** Adds the outbox to a document about to be inserted. */
    public static Document withEvents(Document document, OutboxEvent... events) {
        return withEvents(document, Arrays.asList(events));
    }

    public static Document withEvents(Document document, List<OutboxEvent> events) {
        List<Document> entries = entries(events);
        document.put(OutboxEvent.OUTBOX_FIELD, entries);
        if (!entries.isEmpty()) {
            document.put(SINCE, entries.get(0).getLong(SEQ));
        }
        return document;
    }

    private static List<Document> entries(List<OutboxEvent> events) {
        List<Document> entries = new ArrayList<>(events.size());
        for (OutboxEvent e : events) {
            entries.add(e.toDocument().append(SEQ, nextSeq()));
        }
        return entries;
    }

    /** The stamp of a stored entry (entries written before stamps existed: their time). */
    static long seqOf(Document entry) {
        Object seq = entry.get(SEQ);
        if (seq instanceof Number n) {
            return n.longValue();
        }
        java.util.Date time = entry.getDate("time");
        return time == null ? 0L : time.getTime() * 1_000L;
    }

    private Outbox() {
    }
}
