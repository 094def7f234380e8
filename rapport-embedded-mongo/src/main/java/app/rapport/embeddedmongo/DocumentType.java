package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The value type of a collection's data map: each document written as BSON, with the encoder and decoder
 * that mongo-java-server uses on the wire, so a document reads back exactly as a client's query would see it.
 *
 * <p>Why it exists: H2's default value type writes a {@link Document} with Java serialization, a class
 * descriptor and a boxed object per field, and reads it back the same way. Under the benchmark's writes that
 * was the largest share of the store's CPU. A value BSON cannot hold (no client can send one, but a
 * server-side update could in principle make one) is still written with H2's default type, behind its own tag.
 */
final class DocumentType extends BasicDataType<Document> {
    static final DocumentType INSTANCE = new DocumentType();

    private static final ObjectDataType FALLBACK = new ObjectDataType();
    private static final byte BSON = 1;
    private static final byte SERIALIZED = 2;

    /** A running estimate of a document's size in memory, for the page cache (as H2's own type keeps). */
    private volatile int averageMemory = 256;

    private DocumentType() {
    }

    /** Values are never ordered; MVStore compares them only for equality (a conditional replace or remove). */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public int getMemory(Document obj) {
        return averageMemory;
    }

    @Override
    public void write(WriteBuffer buff, Document obj) {
        ByteBuf bson = Unpooled.buffer(averageMemory);
        try {
            BsonEncoder.encodeDocument(obj, bson);
        } catch (IllegalArgumentException | ClassCastException e) {
            bson.release();
            buff.put(SERIALIZED);
            FALLBACK.write(buff, obj);
            return;
        }
        int length = bson.readableBytes();
        averageMemory = (averageMemory * 15 + 2 * length + 64) / 16;
        buff.put(BSON);
        buff.putVarInt(length);
        buff.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        bson.release();
    }

    @Override
    public Document read(ByteBuffer buff) {
        byte tag = buff.get();
        if (tag == SERIALIZED) {
            return (Document) FALLBACK.read(buff);
        }
        if (tag != BSON) {
            throw new IllegalStateException("unknown document format " + tag + " in the store");
        }
        int length = DataUtils.readVarInt(buff);
        byte[] bytes = new byte[length];
        buff.get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentType;
    }

    @Override
    public int hashCode() {
        return DocumentType.class.hashCode();
    }
}
