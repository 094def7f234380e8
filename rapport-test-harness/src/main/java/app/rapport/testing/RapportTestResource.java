package app.rapport.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The one Quarkus test resource of every module:
 * {@code @QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)}.
 * It points the service at the shared real broker and Mongo server, makes it trust
 * {@link TestTokens}, and keeps Dev Services off.
 */
public class RapportTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        config.put("quarkus.mongodb.connection-string", infra.mongoConnectionString());
        config.put("quarkus.devservices.enabled", "false");
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.mongodb.devservices.enabled", "false");
        config.put("mp.jwt.verify.publickey", TestTokens.publicKeyPem());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        if ("embedded".equals(infra.mode())) {
            // mongo-java-server rescans its whole oplog on every change-stream read; the relay's
            // change-stream wake-up is covered by the messaging tests, services poll and nudge here
            config.put("rapport.outbox.watch-changes", "false");
        }
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by a shutdown hook
    }
}
