package app.rapport.embeddedmongo;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * How a component of a secondary index entry is written: H2's {@link ObjectDataType}, except for the
 * two values it does not know and would write with Java serialization, an {@link IndexEntryType.Absent}
 * path and a {@link Instant} (what mongo-java-server decodes a BSON date to). A profile of the store
 * under the system benchmark put about a tenth of its CPU in that serialization (an
 * {@code ObjectOutputStream} per date or absent value of every index page written at each commit).
 *
 * <p>The two get tags of their own, above every first byte {@code ObjectDataType} writes (its type
 * and tag bytes end below 120), so a store written before reads unchanged: an entry that starts with
 * another byte is {@code ObjectDataType}'s, serialized dates included.
 */
final class IndexValueCodec {
    static final int TAG_ABSENT = 0xC0;
    static final int TAG_INSTANT = 0xC1;
    private static final ObjectDataType VALUES = new ObjectDataType();

    private IndexValueCodec() {
    }

    static void write(WriteBuffer buff, Object value) {
        if (value instanceof IndexEntryType.Absent) {
            buff.put((byte) TAG_ABSENT);
        } else if (value instanceof Instant i) {
            buff.put((byte) TAG_INSTANT).putVarLong(i.getEpochSecond()).putVarInt(i.getNano());
        } else {
            VALUES.write(buff, value);
        }
    }

    static Object read(ByteBuffer buff) {
        int tag = buff.get(buff.position()) & 0xFF;
        if (tag == TAG_ABSENT) {
            buff.get();
            return IndexEntryType.Absent.INSTANCE;
        }
        if (tag == TAG_INSTANT) {
            buff.get();
            long seconds = DataUtils.readVarLong(buff);
            int nanos = DataUtils.readVarInt(buff);
            return Instant.ofEpochSecond(seconds, nanos);
        }
        return VALUES.read(buff);
    }
}
