package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The key type of a {@link SecondaryIndex}'s MVStore map: one entry is {@code [value of key 1, ..., value of
 * key n, position]}, ordered the way the index is declared (MongoDB's BSON order per key, reversed for a
 * descending key), then by position. Values are written by {@link IndexValueCodec} (H2's
 * {@link ObjectDataType}, with tags of their own for absent paths and dates).
 *
 * <p>Two sentinels, {@link #FIRST} and {@link #LAST}, sort before and after every value of a component
 * whatever its direction; they only ever appear in the bounds of a scan, never in the map.
 */
final class IndexEntryType extends BasicDataType<Object[]> {

    /** Sorts before every stored value of a component. Never stored. */
    static final Object FIRST = new Object() {
        @Override
        public String toString() {
            return "FIRST";
        }
    };
    /** Sorts after every stored value of a component. Never stored. */
    static final Object LAST = new Object() {
        @Override
        public String toString() {
            return "LAST";
        }
    };

    private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();

    /** +1 for an ascending key, -1 for a descending one; one more (+1) for the position. */
    private final int[] directions;

    IndexEntryType(boolean[] ascending) {
        directions = new int[ascending.length + 1];
        for (int i = 0; i < ascending.length; i++) {
            directions[i] = ascending[i] ? 1 : -1;
        }
        directions[ascending.length] = 1;
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = compareComponent(a[i], b[i], i < directions.length ? directions[i] : 1);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int compareComponent(Object x, Object y, int direction) {
        if (x == y) {
            return 0;
        }
        if (x == FIRST || y == LAST) {
            return -1;
        }
        if (x == LAST || y == FIRST) {
            return 1;
        }
        return direction * compareValues(x, y);
    }

    /** BSON order with {@link Absent} (a path that is not there) before null and every other value. */
    static int compareValues(Object x, Object y) {
        boolean ax = x instanceof Absent;
        boolean ay = y instanceof Absent;
        if (ax || ay) {
            return ax == ay ? 0 : ax ? -1 : 1;
        }
        if (x == null || y == null) {
            return x == y ? 0 : x == null ? -1 : 1;
        }
        return ORDER.compare(x, y);
    }

    @Override
    public int getMemory(Object[] obj) {
        int memory = 24;
        for (Object o : obj) {
            memory += o instanceof String s ? 40 + 2 * s.length() : 32;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buff, Object[] obj) {
        buff.putVarInt(obj.length);
        for (Object o : obj) {
            IndexValueCodec.write(buff, o);
        }
    }

    @Override
    public Object[] read(ByteBuffer buff) {
        int n = org.h2.mvstore.DataUtils.readVarInt(buff);
        Object[] result = new Object[n];
        for (int i = 0; i < n; i++) {
            result[i] = IndexValueCodec.read(buff);
        }
        return result;
    }

    @Override
    public Object[][] createStorage(int size) {
        return new Object[size][];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexEntryType other && Arrays.equals(directions, other.directions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(directions);
    }

    /** The value of an index key whose path is not in the document (MongoDB indexes it as null). */
    static final class Absent implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        static final Absent INSTANCE = new Absent();

        private Absent() {
        }

        @Serial
        private Object readResolve() {
            return INSTANCE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Absent;
        }

        @Override
        public int hashCode() {
            return 7;
        }

        @Override
        public String toString() {
            return "(absent)";
        }
    }
}
