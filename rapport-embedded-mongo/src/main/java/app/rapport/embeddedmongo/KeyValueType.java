package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The key type of a {@link UniqueIndex}'s MVStore map: a {@link KeyValue} (the values of the index's
 * keys), ordered component by component in BSON order ({@link Missing} before null before every other
 * value), written as a count and then each value with H2's {@link ObjectDataType}.
 *
 * <p>Why it exists: H2's default key type does not know {@code KeyValue}, which is not
 * {@link Comparable}, so it compares two keys by serializing both with Java serialization, on every
 * step of every binary search. That made each lookup by {@code _id} or by a unique key cost tens of
 * microseconds of CPU and garbage, and it was most of the store's CPU under the benchmark.
 */
final class KeyValueType extends BasicDataType<KeyValue> {
    static final KeyValueType INSTANCE = new KeyValueType();

    private static final ObjectDataType VALUES = new ObjectDataType();
    private static final byte MISSING = 0;
    private static final byte VALUE = 1;

    private KeyValueType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compareValues(Object x, Object y) {
        boolean mx = x instanceof Missing;
        boolean my = y instanceof Missing;
        if (mx || my) {
            return mx == my ? 0 : mx ? -1 : 1;
        }
        return IndexEntryType.compareValues(x, y);
    }

    @Override
    public int getMemory(KeyValue obj) {
        int memory = 24;
        for (Object o : obj) {
            memory += o instanceof String s ? 40 + 2 * s.length() : 32;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buff, KeyValue obj) {
        buff.putVarInt(obj.size());
        for (Object o : obj) {
            if (o instanceof Missing) {
                buff.put(MISSING);
            } else {
                buff.put(VALUE);
                VALUES.write(buff, o);
            }
        }
    }

    @Override
    public KeyValue read(ByteBuffer buff) {
        int n = DataUtils.readVarInt(buff);
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = buff.get() == MISSING ? Missing.getInstance() : VALUES.read(buff);
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValueType;
    }

    @Override
    public int hashCode() {
        return KeyValueType.class.hashCode();
    }
}
