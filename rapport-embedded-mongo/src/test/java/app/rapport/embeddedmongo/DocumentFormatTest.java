package app.rapport.embeddedmongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents are stored as BSON ({@link DocumentType}). What a client wrote reads back the same, every BSON
 * type the services use included; a store written by mongo-java-server's own H2 backend (Java serialization)
 * is converted on its first start and loses nothing, even when an earlier conversion stopped half way; and a
 * rename, which the H2 backend cannot make durable, is refused before it changes anything.
 */
class DocumentFormatTest {
    /** The data map of collection {@code docs} in database {@code d}. */
    private static final String DATA_MAP = "databases.d.docs";

    private static Document sample(int i) {
        return new Document("_id", "d-" + i)
                .append("n", i).append("big", 5_000_000_000L + i).append("ratio", i / 4.0)
                .append("ok", i % 2 == 0).append("none", null)
                .append("at", new Date(1_700_000_000_000L + i))
                .append("oid", new ObjectId(1_700_000_000, i))
                .append("bytes", new Binary(new byte[]{1, 2, (byte) i}))
                .append("tags", List.of("a", "b-" + i))
                .append("outbox", List.of(new Document("id", "e-" + i).append("type", "advocate.created")
                        .append("data", new Document("name", "Dana " + i).append("nested", List.of(List.of(1, 2))))))
                .append("text", "naïve café ✓ " + i);
    }

    @Test
    void whatIsWrittenReadsBackTheSameAcrossARestart(@TempDir Path dir) {
        Path file = dir.resolve("s.mv.db");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("docs");
            for (int i = 0; i < 50; i++) {
                c.insertOne(sample(i));
            }
            c.updateOne(Filters.eq("_id", "d-7"), Updates.combine(Updates.inc("n", 1), Updates.currentDate("touched"),
                    Updates.push("tags", "c")));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("docs");
            assertEquals(50, c.countDocuments());
            assertEquals(sample(3), c.find(Filters.eq("_id", "d-3")).first());
            Document updated = c.find(Filters.eq("_id", "d-7")).first();
            assertEquals(8, updated.getInteger("n"));
            assertEquals(List.of("a", "b-7", "c"), updated.getList("tags", String.class));
            assertTrue(updated.get("touched") instanceof Date);
        }
    }

    @Test
    void aStoreWrittenWithJavaSerializationIsConvertedOnceAndKeepsEveryDocument(@TempDir Path dir) {
        Path file = dir.resolve("old.mv.db");
        writeWithPlainBackend(file, 300);

        for (int restart = 0; restart < 2; restart++) {
            try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> c = client.getDatabase("d").getCollection("docs");
                assertEquals(300 + restart, c.countDocuments());
                assertEquals(sample(123), c.find(Filters.eq("_id", "d-123")).first());
                assertEquals(sample(299), c.find(Filters.eq("n", 299)).first());
                if (restart == 0) {
                    c.insertOne(sample(1000));
                }
            }
        }
    }

    @Test
    void aConversionThatStoppedHalfWayIsStartedAgain(@TempDir Path dir) {
        Path file = dir.resolve("half.mv.db");
        writeWithPlainBackend(file, 100);
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> partial = startCopy(store);
        partial.put("d-0", new de.bwaldvogel.mongo.bson.Document("_id", "d-0"));
        store.close();

        assertConverted(file, 100);
    }

    @Test
    void aConversionThatStoppedBeforeTheRenameKeepsTheCopy(@TempDir Path dir) {
        Path file = dir.resolve("copied.mv.db");
        writeWithPlainBackend(file, 100);
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> old = store.openMap(DATA_MAP);
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> copy = startCopy(store);
        List<Map.Entry<Object, de.bwaldvogel.mongo.bson.Document>> entries = new ArrayList<>(old.entrySet());
        for (Map.Entry<Object, de.bwaldvogel.mongo.bson.Document> e : entries) {
            copy.put(e.getKey(), e.getValue());
        }
        store.removeMap(old);
        store.close();

        assertConverted(file, 100);
    }

    @Test
    void aRenameIsRefusedBeforeAnythingChangesAndADropLastsAcrossARestart(@TempDir Path dir) {
        Path file = dir.resolve("renamed.mv.db");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("before");
            for (int i = 0; i < 20; i++) {
                c.insertOne(sample(i));
            }
            client.getDatabase("d").getCollection("target").insertOne(sample(99));
            MongoCommandException refused = assertThrows(MongoCommandException.class, () -> c.renameCollection(
                    new MongoNamespace("d", "target"), new RenameCollectionOptions().dropTarget(true)));
            assertEquals(115, refused.getErrorCode());
            assertTrue(refused.getErrorMessage().contains("renameCollection is not supported"), refused.getMessage());
            client.getDatabase("d").getCollection("dropped").insertOne(sample(1));
            client.getDatabase("d").getCollection("dropped").drop();
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertEquals(20, client.getDatabase("d").getCollection("before").countDocuments());
            assertEquals(sample(11), client.getDatabase("d").getCollection("before").find(Filters.eq("_id", "d-11")).first());
            assertEquals(sample(99), client.getDatabase("d").getCollection("target").find().first(), "the target was not dropped");
            assertEquals(0, client.getDatabase("d").getCollection("dropped").countDocuments());
            client.getDatabase("d").getCollection("dropped").insertOne(sample(2));
            assertEquals(sample(2), client.getDatabase("d").getCollection("dropped").find().first());
        }
    }

    /** What a conversion writes first: the copy's format record, then the copy of the data map. */
    private static MVMap<Object, de.bwaldvogel.mongo.bson.Document> startCopy(MVStore store) {
        String copyName = IndexedH2Database.copyName(DATA_MAP);
        store.openMap(IndexedH2Database.DOCUMENT_FORMAT_MAP).put(copyName, IndexedH2Database.BSON_DOCUMENTS);
        return store.openMap(copyName,
                new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(DocumentType.INSTANCE));
    }

    private static void assertConverted(Path file, int documents) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("docs");
            assertEquals(documents, c.countDocuments());
            for (int i = 0; i < documents; i++) {
                assertEquals(sample(i), c.find(Filters.eq("_id", "d-" + i)).first());
            }
        }
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        try {
            assertFalse(store.hasMap(IndexedH2Database.copyName(DATA_MAP)));
            MVMap<String, Integer> formats = store.openMap(IndexedH2Database.DOCUMENT_FORMAT_MAP);
            assertEquals(IndexedH2Database.BSON_DOCUMENTS, formats.get(DATA_MAP));
            assertNull(formats.get(IndexedH2Database.copyName(DATA_MAP)));
        } finally {
            store.close();
        }
    }

    private static void writeWithPlainBackend(Path file, int documents) {
        MVStore old = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer plain = new MongoServer(new H2Backend(old));
        String uri = "mongodb://" + plain.bind().getHostString() + ":" + plain.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> c = client.getDatabase("d").getCollection("docs");
            for (int i = 0; i < documents; i++) {
                c.insertOne(sample(i));
            }
        } finally {
            plain.shutdown();
            old.close();
        }
    }
}
