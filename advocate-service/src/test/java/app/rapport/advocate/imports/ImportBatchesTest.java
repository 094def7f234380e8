package app.rapport.advocate.imports;

import app.rapport.advocate.repository.AccountRepository;
import app.rapport.advocate.repository.AdvocateRepository;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static app.rapport.advocate.Fixtures.unique;
import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An import larger than a batch (rapport.imports.batch-size=500): rows that meet again across a
 * batch boundary or inside one batch behave as they would row by row, every advocate is one
 * document carrying its own events, and the accounts are upserted.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class ImportBatchesTest {
    @Inject
    AdvocateRepository advocates;

    @Inject
    AccountRepository accounts;

    @Test
    void rowsAcrossAndWithinBatchesAreAppliedInFileOrder() {
        String s = unique();
        StringBuilder csv = new StringBuilder("externalId,name,email,accountId,accountName,ownerId,title\n");
        List<Integer> expectedRejected = new ArrayList<>();
        int rows = 1_100;
        for (int i = 1; i <= rows; i++) {
            int line = i + 1;
            if (i == 20) {
                // the email of row 10, with another externalId, in the same batch
                csv.append("crm-").append(s).append("-dup20,Dup,p10.").append(s).append("@example.com,acc-").append(s)
                        .append(",Acme,u-olivia,\n");
                expectedRejected.add(line);
            } else if (i == 700) {
                // the email of row 3, in a later batch
                csv.append("crm-").append(s).append("-dup700,Dup,P3.").append(s).append("@EXAMPLE.com,acc-")
                        .append(s).append(",Acme,u-olivia,\n");
                expectedRejected.add(line);
            } else if (i == 800) {
                // row 5 again (same externalId), changing its title: an update in a later batch
                csv.append("crm-").append(s).append("-5,Person 5,p5.").append(s).append("@example.com,acc-")
                        .append(s).append(",Acme,u-olivia,Chief\n");
            } else if (i == 30) {
                // row 6 again in the same batch, changing its owner
                csv.append("crm-").append(s).append("-6,Person 6,p6.").append(s).append("@example.com,acc-")
                        .append(s).append(",Acme,u-oscar,\n");
            } else {
                csv.append("crm-").append(s).append('-').append(i).append(",Person ").append(i).append(",p").append(i)
                        .append('.').append(s).append("@example.com,acc-").append(s).append(",Acme,u-olivia,\n");
            }
        }
        JsonPath job = AdvocateImportTest.awaitDone(AdvocateImportTest.start(csv.toString()));
        assertEquals("DONE", job.getString("status"), job.prettify());
        assertEquals(rows, job.getInt("processed"));
        assertEquals(rows - 4, job.getInt("created"));
        assertEquals(2, job.getInt("updated"));
        assertEquals(expectedRejected, job.getList("rejected.line"));
        assertTrue(job.getList("rejected.error", String.class).get(0).contains("crm-" + s + "-10"));
        assertTrue(job.getList("rejected.error", String.class).get(1).contains("crm-" + s + "-3"));

        Document five = advocates.collection().find(eq("externalId", "crm-" + s + "-5")).first();
        assertEquals("Chief", five.getString("title"));
        assertEquals(2L, ((Number) five.get("version")).longValue());
        Document six = advocates.collection().find(eq("externalId", "crm-" + s + "-6")).first();
        assertEquals("u-oscar", six.getString("ownerId"));
        assertEquals(2L, ((Number) six.get("version")).longValue(), "created and moved in one batch: two versions");
        assertEquals("Acme", accounts.find("acc-" + s).orElseThrow().name());

        // again: the rows that set advocates 5 and 6 one way and then the other do so again, as they
        // would row by row; every other row is unchanged and writes nothing
        JsonPath again = AdvocateImportTest.awaitDone(AdvocateImportTest.start(csv.toString()));
        assertEquals(0, again.getInt("created"));
        assertEquals(4, again.getInt("updated"));
        assertEquals(rows - 2 - 4, again.getInt("unchanged"));
        assertEquals(expectedRejected, again.getList("rejected.line"));
        assertEquals(1L, ((Number) advocates.collection().find(eq("externalId", "crm-" + s + "-7")).first()
                .get("version")).longValue(), "an unchanged row wrote nothing");
    }
}
