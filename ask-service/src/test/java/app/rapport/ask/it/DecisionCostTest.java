package app.rapport.ask.it;

import app.rapport.ask.it.TestAdvocates.Adv;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static app.rapport.ask.it.TestAdvocates.advocate;
import static app.rapport.ask.it.TestAdvocates.createAsk;
import static app.rapport.ask.it.TestAdvocates.eligibility;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a decision reads does not grow with history: the same advocate and account with a small and a
 * large history of asks give the same commands and the same number of documents read by a dry run.
 * Counts, not times (CommandCounter sees the driver's commands and the documents each returned).
 * Sizes: {@code -Drapport.decision-cost.sizes=10000,100000} (default 500,3000, to keep the suite quick).
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class DecisionCostTest {
    @Inject
    MongoClient client;

    record Cost(int commands, int documents, List<CommandCounter.Seen> seen) {
    }

    static Cost measure(Runnable call) {
        Cost best = null;
        for (int i = 0; i < 5; i++) { // background work (consumers) only ever adds: keep the smallest
            CommandCounter.start();
            call.run();
            List<CommandCounter.Seen> seen = CommandCounter.stop();
            Cost c = new Cost(seen.size(), seen.stream().mapToInt(CommandCounter.Seen::returned).sum(), seen);
            best = best == null || c.documents() < best.documents() ? c : best;
        }
        return best;
    }

    void seedHistory(Adv a, int n) {
        MongoCollection<Document> asks = client.getDatabase("rapport-asks").getCollection("asks");
        Instant now = Instant.now();
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean old = i % 2 == 0;
            Instant created = now.minus(Duration.ofDays(old ? 400 + i % 300 : 1 + i % 300));
            Document d = new Document("_id", "hist-" + UUID.randomUUID()).append("advocateId", a.id)
                    .append("accountId", a.accountId).append("requesterId", "u-req-hist").append("ownerId", a.ownerId)
                    .append("activity", "REVIEW").append("createdAt", Date.from(created))
                    .append("updatedAt", Date.from(created)).append("version", 2)
                    .append("status", old ? "COMPLETED" : "BLOCKED").append("history", List.of());
            if (old) {
                d.append("sentDate", LocalDate.ofInstant(created, ZoneOffset.UTC).toString())
                        .append("sentAt", Date.from(created));
            }
            batch.add(d);
            if (batch.size() == 1000) {
                asks.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            asks.insertMany(batch);
        }
    }

    @Test
    void aDecisionReadsTheSameFewDocumentsWhateverTheHistory() {
        String[] sizes = System.getProperty("rapport.decision-cost.sizes", "500,3000").split(",");
        List<Cost> dryRuns = new ArrayList<>();
        for (String size : sizes) {
            int n = Integer.parseInt(size.trim());
            Adv a = advocate().register();
            seedHistory(a, n);
            createAsk(a, a.requester(), "REFERENCE_CALL", null).statusCode(201); // one open ask on the ledger
            Cost dry = measure(() -> eligibility(a, "CASE_STUDY").statusCode(200));
            Cost post = measure(() -> createAsk(a, a.requester(), "CASE_STUDY", null).statusCode(201));
            System.out.printf("decision-cost history=%d asks of this advocate: GET /api/eligibility %d commands, "
                    + "%d documents read %s; POST /api/asks %d commands, %d documents read%n", n, dry.commands(),
                    dry.documents(), dry.seen(), post.commands(), post.documents());
            assertTrue(dry.documents() <= 5, "a decision reads at most 5 documents: " + dry.seen());
            dryRuns.add(dry);
        }
        for (Cost c : dryRuns) {
            assertEquals(dryRuns.get(0).documents(), c.documents(), "the same whatever the history: " + dryRuns);
            assertEquals(dryRuns.get(0).commands(), c.commands(), "the same whatever the history: " + dryRuns);
        }
    }
}
