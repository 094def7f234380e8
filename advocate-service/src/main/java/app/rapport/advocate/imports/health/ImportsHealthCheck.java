package app.rapport.advocate.imports.health;

import app.rapport.advocate.imports.service.ImportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness detail: the CSV imports this instance is running or has queued. Always UP. */
@Readiness
@ApplicationScoped
public class ImportsHealthCheck implements HealthCheck {

    @Inject
    ImportService imports;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("advocate-imports").up()
                .withData("runningOrQueued", imports.liveJobs()).build();
    }
}
