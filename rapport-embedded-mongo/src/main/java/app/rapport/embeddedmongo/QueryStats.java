package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Documents examined and returned per query operation, like MongoDB's {@code totalDocsExamined} and
 * {@code nReturned}, and which operations were collection scans. Read over the wire with
 * {@code {rapportQueryStats: 1}} on any database (usually {@code admin}); {@code reset: true} zeroes them.
 * Queries on {@code local} (the oplog) and on {@code system.*} collections are not counted.
 */
public final class QueryStats {
    /** How many of the latest collection-scan filters {@link #toDocument()} lists. */
    public static final int RECENT_SCANS = 50;

    private static final class Counters {
        long operations;
        long docsExamined;
        long docsReturned;
        long collectionScans;

        void add(long examined, long returned, boolean scan) {
            operations++;
            docsExamined += examined;
            docsReturned += Math.max(0, returned);
            if (scan) {
                collectionScans++;
            }
        }

        Document toDocument() {
            return new Document("operations", operations)
                    .append("docsExamined", docsExamined)
                    .append("docsReturned", docsReturned)
                    .append("collectionScans", collectionScans);
        }
    }

    private final Counters totals = new Counters();
    private final Map<String, Counters> byNamespace = new TreeMap<>();
    private final Deque<Document> scans = new ArrayDeque<>();

    synchronized void record(String namespace, Document filter, long examined, long returned, boolean scan) {
        if (namespace.startsWith("local.") || namespace.contains(".system.")) {
            return;
        }
        totals.add(examined, returned, scan);
        byNamespace.computeIfAbsent(namespace, n -> new Counters()).add(examined, returned, scan);
        if (scan) {
            scans.addLast(new Document("ns", namespace).append("filter", filter == null ? new Document() : filter.cloneDeeply()));
            while (scans.size() > RECENT_SCANS) {
                scans.removeFirst();
            }
        }
    }

    /** {@code {ok, totals, byNamespace, scans}}: the answer to {@code rapportQueryStats}. */
    public synchronized Document toDocument() {
        Document namespaces = new Document();
        byNamespace.forEach((ns, c) -> namespaces.put(ns, c.toDocument()));
        List<Document> recent = new ArrayList<>(scans);
        Document response = new Document("totals", totals.toDocument())
                .append("byNamespace", namespaces)
                .append("scans", recent);
        Utils.markOkay(response);
        return response;
    }

    public synchronized void reset() {
        totals.operations = 0;
        totals.docsExamined = 0;
        totals.docsReturned = 0;
        totals.collectionScans = 0;
        byNamespace.clear();
        scans.clear();
    }

    public synchronized long operations() {
        return totals.operations;
    }

    public synchronized long docsExamined() {
        return totals.docsExamined;
    }

    public synchronized long collectionScans() {
        return totals.collectionScans;
    }
}
