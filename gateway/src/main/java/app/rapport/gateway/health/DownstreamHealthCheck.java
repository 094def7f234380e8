package app.rapport.gateway.health;

import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.proxy.ServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The circuit breaker of each service, for on-call. Always UP: a downed service must not take the
 * gateway out of the load balancer (its other routes, the dashboard and the 360's other parts still work).
 */
@Readiness
@ApplicationScoped
public class DownstreamHealthCheck implements HealthCheck {
    @Inject
    ServiceClient client;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("downstream-breakers").up();
        for (DownstreamService s : DownstreamService.values()) {
            b.withData(s.serviceName(), client.state(s).name());
        }
        return b.build();
    }
}
