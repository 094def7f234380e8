package app.rapport.touchpoint.repository;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Creates the indexes at start-up (idempotent). */
@ApplicationScoped
public class IndexSetup {
    @Inject
    TouchpointRepository touchpoints;

    @Inject
    AdvocateProjectionRepository advocates;

    void onStart(@Observes StartupEvent event) {
        touchpoints.ensureIndexes();
        advocates.ensureIndexes();
    }
}
