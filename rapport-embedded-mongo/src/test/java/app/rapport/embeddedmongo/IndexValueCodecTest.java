package app.rapport.embeddedmongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secondary index entries write dates and absent paths compactly instead of with Java serialization,
 * read what H2's ObjectDataType wrote before (stores from earlier revisions), and a date index still
 * answers range queries in order after a restart.
 */
class IndexValueCodecTest {

    private static Object roundTrip(Object v) {
        WriteBuffer w = new WriteBuffer();
        IndexValueCodec.write(w, v);
        ByteBuffer b = w.getBuffer();
        b.flip();
        Object back = IndexValueCodec.read(b);
        assertEquals(0, b.remaining(), "read exactly what was written for " + v);
        return back;
    }

    @Test
    void everyKindOfValueComesBackEqual() {
        Instant t = Instant.parse("2026-12-03T15:40:12.123456789Z");
        for (Object v : new Object[] {t, Instant.EPOCH, Instant.parse("1969-07-20T20:17:40Z"), "adv-1", "", 42, 7L,
                -3L, 2.5, true, false, null, new Date(1234567L)}) {
            assertEquals(v, roundTrip(v));
        }
        assertTrue(roundTrip(IndexEntryType.Absent.INSTANCE) instanceof IndexEntryType.Absent);
    }

    @Test
    void datesAndAbsentPathsAreWrittenInAFewBytesNotSerialized() {
        WriteBuffer w = new WriteBuffer();
        IndexValueCodec.write(w, Instant.parse("2026-12-03T15:40:12Z"));
        IndexValueCodec.write(w, IndexEntryType.Absent.INSTANCE);
        assertTrue(w.position() <= 8, "a date and an absent path in " + w.position() + " bytes");
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, Instant.parse("2026-12-03T15:40:12Z"));
        assertTrue(serialized.position() > 20, "ObjectDataType serializes a date: " + serialized.position() + " bytes");
    }

    @Test
    void entriesWrittenByObjectDataTypeBeforeStillRead() {
        Object[] entry = {Instant.parse("2026-01-02T03:04:05Z"), IndexEntryType.Absent.INSTANCE, "x", 9L};
        WriteBuffer w = new WriteBuffer();
        ObjectDataType old = new ObjectDataType();
        w.putVarInt(entry.length);
        for (Object o : entry) {
            old.write(w, o);
        }
        ByteBuffer b = w.getBuffer();
        b.flip();
        Object[] back = new IndexEntryType(new boolean[] {true, true, true}).read(b);
        assertArrayEquals(entry, back);
    }

    @Test
    void aDateIndexAnswersRangesInOrderAcrossARestart(@TempDir Path dir) {
        Path file = dir.resolve("dates.mv.db");
        Instant base = Instant.parse("2026-06-01T00:00:00Z");
        for (int restart = 0; restart < 2; restart++) {
            try (EmbeddedMongoServer server = EmbeddedMongoServer.file(file).start();
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> c = client.getDatabase("d").getCollection("events");
                if (restart == 0) {
                    c.createIndex(Indexes.ascending("at"));
                    for (int i = 0; i < 200; i++) {
                        Document d = new Document("_id", "e-" + i).append("n", i);
                        if (i % 10 != 0) { // every tenth has no date: an absent path in the index
                            d.append("at", Date.from(base.plusSeconds(3600L * ((i * 37) % 200))));
                        }
                        c.insertOne(d);
                    }
                }
                List<Date> found = new ArrayList<>();
                c.find(Filters.and(Filters.gte("at", Date.from(base.plusSeconds(3600L * 50))),
                        Filters.lt("at", Date.from(base.plusSeconds(3600L * 60))))).sort(Sorts.ascending("at"))
                        .forEach(d -> found.add(d.getDate("at")));
                List<Date> sorted = new ArrayList<>(found);
                sorted.sort(null);
                assertEquals(sorted, found, "in index order");
                assertEquals(9, found.size(), "hours 50..59, one of them absent: " + found);
                assertEquals(20, c.countDocuments(Filters.exists("at", false)));
            }
        }
    }
}
