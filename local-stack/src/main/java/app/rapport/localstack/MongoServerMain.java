package app.rapport.localstack;

import app.rapport.embeddedmongo.EmbeddedMongoServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The local stack's MongoDB: the project's {@link EmbeddedMongoServer} (mongo-java-server with an H2
 * MVStore file, so data survives restarts; queries use indexes; a write with {@code j: true} or
 * {@code w: "majority"} is acknowledged after the group commit that makes it durable).
 *
 * <p>Settings: {@code --host} ({@code RAPPORT_MONGO_HOST}, 127.0.0.1), {@code --port}
 * ({@code RAPPORT_MONGO_PORT}, 27017), {@code --data-dir} ({@code RAPPORT_MONGO_DIR}, .rapport/mongo),
 * {@code --oplog on|off} ({@code RAPPORT_MONGO_OPLOG}, off: the services poll their outboxes; on for
 * change streams, capped at {@code --oplog-max-entries}, {@code RAPPORT_MONGO_OPLOG_MAX_ENTRIES}, 10000),
 * {@code --fsync on|off} ({@code RAPPORT_MONGO_FSYNC}, on: every commit is also an fsync),
 * {@code --cache-mb} ({@code RAPPORT_MONGO_CACHE_MB}; H2's page cache, a third of the process's maximum heap
 * by default: a profile of a 100,000-row import with H2's own 16 MB put a third of the server's CPU in
 * re-reading pages the cache had just evicted).
 * SIGTERM commits and closes the store.
 */
public final class MongoServerMain {
    private static final Logger LOG = Logger.getLogger(MongoServerMain.class.getName());

    /** The file under the data directory that holds every database. */
    public static final String STORE_FILE = "rapport.mv.db";

    private final EmbeddedMongoServer server;
    private boolean stopped;

    private MongoServerMain(EmbeddedMongoServer server) {
        this.server = server;
    }

    public static void main(String[] argv) throws Exception {
        Settings s = new Settings(argv, System.getenv());
        String host = s.get("host", "RAPPORT_MONGO_HOST", "127.0.0.1");
        int port = s.port("port", "RAPPORT_MONGO_PORT", 27017);
        Path dataDir = Path.of(s.get("data-dir", "RAPPORT_MONGO_DIR", ".rapport/mongo"));
        boolean oplog = onOff(s.get("oplog", "RAPPORT_MONGO_OPLOG", "off"), "--oplog (RAPPORT_MONGO_OPLOG)");
        boolean fsync = onOff(s.get("fsync", "RAPPORT_MONGO_FSYNC", "on"), "--fsync (RAPPORT_MONGO_FSYNC)");
        int oplogMax = positive(s.get("oplog-max-entries", "RAPPORT_MONGO_OPLOG_MAX_ENTRIES",
                String.valueOf(EmbeddedMongoServer.DEFAULT_OPLOG_MAX_ENTRIES)), "--oplog-max-entries");
        int cacheMb = positive(s.get("cache-mb", "RAPPORT_MONGO_CACHE_MB",
                String.valueOf(defaultCacheMegabytes())), "--cache-mb (RAPPORT_MONGO_CACHE_MB)");

        Files.createDirectories(dataDir);
        Path store = dataDir.resolve(STORE_FILE);
        EmbeddedMongoServer server = EmbeddedMongoServer.file(store).host(host).port(port)
                .oplog(oplog).oplogMaxEntries(oplogMax).fsync(fsync).cacheMegabytes(cacheMb).start();
        MongoServerMain main = new MongoServerMain(server);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.stop();
            stopped.countDown();
        }, "mongo-shutdown"));
        LOG.info(() -> "MongoDB wire server (H2 store " + store.toAbsolutePath() + ", oplog "
                + (oplog ? "on, capped at " + oplogMax + " entries" : "off") + ", fsync " + (fsync ? "on" : "off")
                + ", page cache " + cacheMb + " MB"
                + ") listening on " + server.connectionString());
        System.out.println("rapport-local-stack: mongo ready on " + server.connectionString());
        System.out.flush();
        stopped.await();
    }

    /** A third of the maximum heap, and never less than H2's own default. */
    static int defaultCacheMegabytes() {
        long third = Runtime.getRuntime().maxMemory() / 3 / (1024 * 1024);
        return (int) Math.max(EmbeddedMongoServer.DEFAULT_CACHE_MEGABYTES, Math.min(third, Integer.MAX_VALUE));
    }

    static boolean onOff(String value, String what) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(what + " must be on or off, got '" + value + "'");
        };
    }

    private static int positive(String value, String what) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a positive number, got '" + value + "'");
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping the MongoDB wire server");
        try {
            server.close();
        } catch (RuntimeException e) {
            LOG.warning("closing the store: " + e);
        }
        LOG.info("MongoDB wire server stopped, store closed");
    }
}
