package app.rapport.messaging;

import app.rapport.testing.RapportTestResource;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A taken unique key is recognised whichever write hits it. The driver reports it as a write error for
 * an insert or an update, and as a command error for findOneAndUpdate; a caller that turns it into a
 * 409 must see both (an override that lost its slot once answered 500 because only one was caught).
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class DuplicateKeyTest {
    @Inject
    MongoClient mongo;

    private MongoCollection<Document> slots;

    @BeforeEach
    void twoDocumentsOneTakenSlot() {
        slots = mongo.getDatabase("plumbing").getCollection("slots-" + UUID.randomUUID());
        slots.createIndex(Indexes.ascending("slot"), new IndexOptions().unique(true).sparse(true));
        slots.insertOne(new Document("_id", "a").append("slot", "adv-1/REFERENCE_CALL"));
        slots.insertOne(new Document("_id", "b"));
    }

    private static void assertDuplicateKey(Executable write) {
        MongoServerException e = assertThrows(MongoServerException.class, write);
        assertTrue(Inbox.isDuplicateKey(e), () -> e.getClass().getSimpleName() + " " + e.getMessage());
    }

    @Test
    void anInsertIntoATakenSlot() {
        assertDuplicateKey(() -> slots.insertOne(new Document("_id", "c").append("slot", "adv-1/REFERENCE_CALL")));
    }

    @Test
    void anUpdateIntoATakenSlot() {
        assertDuplicateKey(() -> slots.updateOne(Filters.eq("_id", "b"), Updates.set("slot", "adv-1/REFERENCE_CALL")));
    }

    @Test
    void aFindOneAndUpdateIntoATakenSlot() {
        assertDuplicateKey(() -> slots.findOneAndUpdate(Filters.eq("_id", "b"),
                Updates.set("slot", "adv-1/REFERENCE_CALL")));
    }
}
