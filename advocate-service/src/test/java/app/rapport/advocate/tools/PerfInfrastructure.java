package app.rapport.advocate.tools;

import app.rapport.testing.TestInfrastructure;
import app.rapport.testing.TestTokens;
import app.rapport.web.Roles;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The infrastructure for the import performance measurement (not a test), in its own JVM so that
 * the service's heap is measured alone: the harness's real KRaft broker and Mongo wire server, a
 * JWT key whose public half and a programme-manager token it writes to DIR, then
 * {@code DIR/infra.env} with the addresses. Runs until killed.
 *
 * <p>By default Mongo is a second wire server <em>without</em> an oplog: with one, every change-stream
 * {@code getMore} (the outbox relay watches its collections) scans the whole oplog, so each write gets
 * slower as the oplog grows, and that, not the import, would be measured. Without it the relay polls
 * and is nudged after each write, as against a standalone server. {@code --oplog} uses the harness's
 * server with the oplog instead.
 */
public final class PerfInfrastructure {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/perf");
        Files.createDirectories(dir);
        TestInfrastructure infra = TestInfrastructure.get();
        String mongoUri = infra.mongoConnectionString();
        if (!java.util.Arrays.asList(args).contains("--oplog")) {
            de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(
                    new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
            server.bind("127.0.0.1", 0);
            mongoUri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        }
        Files.writeString(dir.resolve("public.pem"), TestTokens.publicKeyPem());
        Files.writeString(dir.resolve("token.txt"), TestTokens.token("u-perf", Roles.PROGRAMME_MANAGER));
        Path env = dir.resolve("infra.env.tmp");
        Files.writeString(env, "KAFKA_BOOTSTRAP_SERVERS=" + infra.kafkaBootstrapServers() + "\n"
                + "MONGODB_URI=" + mongoUri + "\n");
        Files.move(env, dir.resolve("infra.env"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("infrastructure up (" + infra.mode() + "): " + infra.kafkaBootstrapServers() + ", "
                + mongoUri);
        Thread.currentThread().join();
    }

    private PerfInfrastructure() {
    }
}
