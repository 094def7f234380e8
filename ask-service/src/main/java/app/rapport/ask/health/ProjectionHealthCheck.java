package app.rapport.ask.health;

import app.rapport.ask.config.Collections;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness data about the gate's projection: how many advocates it knows and the time of the
 * newest event applied. It stays UP when empty: a new installation has no advocates yet.
 */
@Readiness
@ApplicationScoped
public class ProjectionHealthCheck implements HealthCheck {
    @Inject
    Collections collections;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("ask-service eligibility projection");
        try {
            long views = collections.views().estimatedDocumentCount();
            Document newest = collections.views()
                    .find(com.mongodb.client.model.Filters.gt("asOf", new java.util.Date(0))) // index asOf, newest first
                    .projection(Projections.include("asOf"))
                    .sort(Sorts.descending("asOf")).limit(1).first();
            b.up().withData("advocateViews", views);
            if (newest != null && newest.getDate("asOf") != null) {
                b.withData("newestEventAt", newest.getDate("asOf").toInstant().toString());
            }
        } catch (RuntimeException e) {
            b.down().withData("error", e.getClass().getSimpleName());
        }
        return b.build();
    }
}
