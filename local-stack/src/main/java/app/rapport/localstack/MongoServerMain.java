package app.rapport.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The local stack's MongoDB: a mongo-java-server speaking the MongoDB wire protocol, backed by an H2
 * MVStore file so data survives restarts, with its oplog on so that change streams work.
 *
 * <p>Settings: {@code --host} ({@code RAPPORT_MONGO_HOST}, 127.0.0.1), {@code --port}
 * ({@code RAPPORT_MONGO_PORT}, 27017), {@code --data-dir} ({@code RAPPORT_MONGO_DIR}, .rapport/mongo).
 * SIGTERM commits and closes the store.
 */
public final class MongoServerMain {
    private static final Logger LOG = Logger.getLogger(MongoServerMain.class.getName());

    /** The file under the data directory that holds every database. */
    public static final String STORE_FILE = "rapport.mv.db";

    private final H2Backend backend;
    private final MongoServer server;
    private final ScheduledExecutorService committer;
    private final String address;
    private boolean stopped;

    private MongoServerMain(String host, int port, Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        Path store = dataDir.resolve(STORE_FILE);
        backend = new H2Backend(store.toString());
        backend.enableOplog();
        server = new MongoServer(backend);
        server.bind(host, port);
        address = host + ":" + server.getLocalAddress().getPort();
        // MVStore also auto-commits; an explicit commit each second bounds what a SIGKILL can lose
        committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mongo-store-commit");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commitQuietly, 1, 1, TimeUnit.SECONDS);
        LOG.info(() -> "MongoDB wire server (H2 store " + store.toAbsolutePath() + ", oplog on) listening on " + address);
    }

    public static void main(String[] argv) throws Exception {
        Settings s = new Settings(argv, System.getenv());
        String host = s.get("host", "RAPPORT_MONGO_HOST", "127.0.0.1");
        int port = s.port("port", "RAPPORT_MONGO_PORT", 27017);
        Path dataDir = Path.of(s.get("data-dir", "RAPPORT_MONGO_DIR", ".rapport/mongo"));

        MongoServerMain main = new MongoServerMain(host, port, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.stop();
            stopped.countDown();
        }, "mongo-shutdown"));
        System.out.println("rapport-local-stack: mongo ready on mongodb://" + main.address);
        System.out.flush();
        stopped.await();
    }

    private void commitQuietly() {
        try {
            backend.commit();
        } catch (RuntimeException e) {
            LOG.warning("commit of the H2 store failed: " + e);
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping the MongoDB wire server");
        committer.shutdownNow();
        try {
            server.shutdownNow();
        } catch (RuntimeException e) {
            LOG.warning("stopping the server: " + e);
        }
        try {
            backend.commit();
        } catch (RuntimeException ignored) {
            // already closed by the server
        }
        try {
            backend.close();
        } catch (RuntimeException ignored) {
            // already closed by the server
        }
        LOG.info("MongoDB wire server stopped, store closed");
    }
}
