package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded MongoDB wire server of the local stack and the test harness: mongo-java-server with its
 * H2 (MVStore) backend, extended so that
 * <ul>
 *   <li>queries use the collection's indexes, non-unique ones included ({@code QueryPlanner});</li>
 *   <li>documents examined and returned are counted, read with {@code {rapportQueryStats: 1}};</li>
 *   <li>a write with {@code j: true} or {@code w: "majority"} is acknowledged only after the commit
 *       (shared by concurrent writes) that makes it durable; other writes are committed within 100 ms;</li>
 *   <li>the oplog (change streams) is optional and capped.</li>
 * </ul>
 * A file store ({@link Builder#file}) survives restarts; an in-memory one ({@link Builder#inMemory}) is for
 * tests. {@link #close()} commits and closes the store.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
    /** Default cap of the oplog, in entries. */
    public static final int DEFAULT_OPLOG_MAX_ENTRIES = 10_000;
    /** H2's page cache, in MB, unless the builder is told otherwise: H2's own default. */
    public static final int DEFAULT_CACHE_MEGABYTES = 16;
    /** Netty worker threads: a write waiting for its commit holds one, so allow many concurrent writers. */
    private static final int WORKER_THREADS = 32;

    private final IndexedH2Backend backend;
    private final MongoServer server;
    private final String host;
    private final int port;
    private final Builder settings;
    private boolean closed;

    private EmbeddedMongoServer(Builder b) {
        this.settings = b;
        MVStore.Builder store = new MVStore.Builder()
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                .cacheSize(b.cacheMegabytes);
        if (b.file != null) {
            store.fileName(b.file.toString());
        }
        MVStore mvStore = store.open();
        try {
            backend = new IndexedH2Backend(mvStore, new QueryStats(), b.fsync, b.oplogMaxEntries);
            if (b.oplog) {
                backend.enableOplog();
            }
            server = new MongoServer(backend);
            server.bind(new InetSocketAddress(b.host, b.port), 1, WORKER_THREADS);
        } catch (RuntimeException e) {
            mvStore.close();
            throw e;
        }
        this.host = b.host;
        this.port = server.getLocalAddress().getPort();
    }

    public static Builder inMemory() {
        return new Builder(null);
    }

    public static Builder file(Path file) {
        return new Builder(Objects.requireNonNull(file));
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    /** {@code mongodb://host:port}. */
    public String connectionString() {
        return "mongodb://" + host + ":" + port;
    }

    public boolean oplogEnabled() {
        return settings.oplog;
    }

    public boolean fsync() {
        return settings.fsync;
    }

    /** The query statistics, in-process (the same as the {@code rapportQueryStats} command). */
    public QueryStats queryStats() {
        return backend.queryStats();
    }

    /** How many group commits have run. */
    public long commits() {
        return backend.committer().commits();
    }

    /** Stops accepting connections, commits what is written and closes the store. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdownNow();
        } finally {
            backend.close();
        }
    }

    public static final class Builder {
        private final Path file;
        private String host = "127.0.0.1";
        private int port;
        private boolean oplog;
        private int oplogMaxEntries = DEFAULT_OPLOG_MAX_ENTRIES;
        private boolean fsync = true;
        private int cacheMegabytes = DEFAULT_CACHE_MEGABYTES;

        private Builder(Path file) {
            this.file = file;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) for a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The oplog that change streams read; off by default. */
        public Builder oplog(boolean enabled) {
            this.oplog = enabled;
            return this;
        }

        public Builder oplogMaxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("oplog max entries must be positive: " + maxEntries);
            }
            this.oplogMaxEntries = maxEntries;
            return this;
        }

        /** H2's page cache in MB ({@link #DEFAULT_CACHE_MEGABYTES} by default). */
        public Builder cacheMegabytes(int megabytes) {
            if (megabytes < 1) {
                throw new IllegalArgumentException("the page cache must be at least 1 MB: " + megabytes);
            }
            this.cacheMegabytes = megabytes;
            return this;
        }

        /** Whether each commit is also an fsync (survives a power loss); on by default. */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        public EmbeddedMongoServer start() {
            return new EmbeddedMongoServer(this);
        }
    }
}
