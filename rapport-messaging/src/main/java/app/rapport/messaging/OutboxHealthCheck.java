package app.rapport.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the relay's state. It stays UP while the relay retries (a Kafka outage is reported by
 * the Kafka check) but shows the backlog and the last error, which is what on-call looks for.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {
    @Inject
    OutboxRelayService service;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox-relay").up();
        OutboxRelay relay = service.relay();
        if (relay == null) {
            return b.withData("enabled", false).build();
        }
        b.withData("running", relay.isRunning())
                .withData("pendingAtLastPass", relay.pendingAtLastPass())
                .withData("published", relay.publishedCount());
        if (relay.lastSuccess() != null) {
            b.withData("lastSuccess", relay.lastSuccess().toString());
        }
        if (relay.lastError() != null) {
            b.withData("lastError", relay.lastError());
        }
        return relay.isRunning() ? b.build() : b.down().build();
    }
}
