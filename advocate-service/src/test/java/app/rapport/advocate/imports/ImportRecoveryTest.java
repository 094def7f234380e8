package app.rapport.advocate.imports;

import app.rapport.advocate.imports.repository.ImportJobRepository;
import app.rapport.advocate.imports.service.ImportService;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static app.rapport.advocate.Fixtures.ANALYST;
import static app.rapport.advocate.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A job whose process died (left RUNNING, its heartbeat going stale) is reported FAILED with its
 * progress kept, by the sweep that runs at start-up and periodically; a job still alive is left be.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class ImportRecoveryTest {

    @Inject
    ImportJobRepository jobs;

    @Inject
    ImportService imports;

    private String insertRunning(Instant heartbeat) {
        String id = "imp-" + UUID.randomUUID();
        jobs.collection().insertOne(new Document("_id", id).append("status", "RUNNING").append("total", 100L)
                .append("processed", 40L).append("created", 30L).append("updated", 5L).append("unchanged", 3L)
                .append("rejectedCount", 2L)
                .append("rejected", List.of(new Document("line", 7L).append("error", "email must be a valid email address")))
                .append("createdBy", "u-pam").append("createdAt", Date.from(heartbeat))
                .append("heartbeatAt", Date.from(heartbeat)));
        return id;
    }

    @Test
    void aJobLeftRunningByADeadProcessIsReportedFailedWithItsProgress() {
        String dead = insertRunning(Instant.now().minusSeconds(300));
        String alive = insertRunning(Instant.now());
        imports.sweep();
        as(ANALYST).get("/api/advocates/imports/" + dead).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("error", containsString("Interrupted"))
                .body("error", containsString("import the same file again"))
                .body("total", equalTo(100)).body("processed", equalTo(40)).body("created", equalTo(30))
                .body("updated", equalTo(5)).body("rejectedCount", equalTo(2)).body("rejected[0].line", equalTo(7));
        as(ANALYST).get("/api/advocates/imports/" + alive).then().body("status", equalTo("RUNNING"));
    }
}
