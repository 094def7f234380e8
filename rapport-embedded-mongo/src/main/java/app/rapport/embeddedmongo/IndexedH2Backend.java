package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * mongo-java-server's H2 backend with indexes that queries use ({@link IndexedH2Database}), the
 * {@code rapportQueryStats} command, a capped oplog, and writes acknowledged after the commit their write
 * concern asks for ({@link GroupCommitter}).
 */
final class IndexedH2Backend extends H2Backend {
    /** Commands that change the store; they run under the committer's shared lock. */
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    private static final ThreadLocal<QueryStats> CONSTRUCTING = new ThreadLocal<>();

    private final QueryStats stats;
    private final int oplogMaxEntries;
    private final GroupCommitter committer;
    private volatile boolean oplogEnabled;

    IndexedH2Backend(MVStore store, QueryStats stats, boolean fsync, int oplogMaxEntries) {
        super(handOver(store, stats));
        CONSTRUCTING.remove();
        this.stats = stats;
        this.oplogMaxEntries = oplogMaxEntries;
        this.committer = new GroupCommitter(store, fsync);
    }

    private static MVStore handOver(MVStore store, QueryStats stats) {
        CONSTRUCTING.set(stats);
        return store;
    }

    private QueryStats stats() {
        return stats != null ? stats : CONSTRUCTING.get();
    }

    QueryStats queryStats() {
        return stats;
    }

    GroupCommitter committer() {
        return committer;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, new IndexedH2Database.Context(getMvStore(), stats()),
                getCursorRegistry());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Oplog createOplog() {
        Oplog oplog = super.createOplog();
        MongoCollection<?> collection = resolveDatabase("local").resolveCollection(OPLOG_COLLECTION_NAME, false);
        return new CappedOplog(oplog, collection, oplogMaxEntries);
    }

    @Override
    public void enableOplog() {
        super.enableOplog();
        oplogEnabled = true;
    }

    @Override
    public void disableOplog() {
        super.disableOplog();
        oplogEnabled = false;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!oplogEnabled && isChangeStream(command, query)) {
            // what a standalone mongod answers; mongo-java-server would fail with a null cursor
            throw new MongoServerError(40573, "The $changeStream stage is only supported on replica sets"
                    + " (start the embedded server with its oplog on)");
        }
        if (command.equalsIgnoreCase("renameCollection")) {
            // mongo-java-server's H2 backend renames a collection in memory only: its documents and indexes stay
            // under the old map names, and the renamed collection comes back empty after a restart. Nothing in
            // Rapport renames collections; refusing here, before any target is dropped, loses nothing.
            throw new MongoServerError(115, "CommandNotSupported", "renameCollection is not supported by the"
                    + " embedded store: its H2 backend would lose the renamed collection's documents at the next restart");
        }
        if (command.equalsIgnoreCase("rapportQueryStats")) {
            Document response = stats.toDocument();
            if (Utils.isTrue(query.get("reset"))) {
                stats.reset();
            }
            return response;
        }
        if (!changesStore(command, query)) {
            IndexedH2Collection.LeadingMatch leading = leadingMatch(databaseName, command, query);
            if (leading == null) {
                return super.handleCommand(channel, databaseName, command, query);
            }
            IndexedH2Collection.LEADING_MATCH.set(leading);
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                IndexedH2Collection.LEADING_MATCH.remove();
            }
        }
        long[] ticket = new long[1];
        Document response = committer.write(() -> super.handleCommand(channel, databaseName, command, query), ticket);
        if (journaled(query)) {
            try {
                committer.awaitCommitted(ticket[0]);
            } catch (IllegalStateException e) {
                throw new MongoServerException(e.getMessage(), e);
            }
        }
        return response;
    }

    private static boolean isChangeStream(String command, Document query) {
        return command.equalsIgnoreCase("aggregate") && query.get("pipeline") instanceof java.util.List<?> stages
                && !stages.isEmpty() && stages.get(0) instanceof Document first && first.containsKey("$changeStream");
    }

    /** An aggregation on a collection whose first stage is {@code $match} (not a change stream). */
    private static IndexedH2Collection.LeadingMatch leadingMatch(String databaseName, String command, Document query) {
        if (!command.equalsIgnoreCase("aggregate") || !(query.get(command) instanceof String collection)
                || !(query.get("pipeline") instanceof java.util.List<?> stages) || stages.isEmpty()
                || !(stages.get(0) instanceof Document first) || !(first.get("$match") instanceof Document filter)) {
            return null;
        }
        return new IndexedH2Collection.LeadingMatch(databaseName + "." + collection, filter);
    }

    private static boolean changesStore(String command, Document query) {
        String c = command.toLowerCase(Locale.ROOT);
        if (WRITE_COMMANDS.contains(c)) {
            return true;
        }
        if (c.equals("aggregate") && query.get("pipeline") instanceof Collection<?> stages) {
            for (Object stage : stages) {
                if (stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code j: true}, or {@code w: "majority"} (which on a replica set implies the journal), as MongoDB. */
    static boolean journaled(Document query) {
        if (!(query.get("writeConcern") instanceof Document wc)) {
            return false;
        }
        return Utils.isTrue(wc.get("j")) || "majority".equals(wc.get("w"));
    }

    @Override
    public void close() {
        committer.close();
        super.close();
    }
}
