package app.rapport.embeddedmongo;

import app.rapport.embeddedmongo.IndexEntryType.Absent;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Value helpers shared by the index and the planner. */
final class Values {
    private Values() {
    }

    /** The form a value takes in an index: numbers as mongo-java-server normalises them, missing as absent. */
    static Object normalize(Object value) {
        if (value instanceof Missing) {
            return Absent.INSTANCE;
        }
        if (value instanceof Decimal128) {
            return value;
        }
        if (value instanceof Long l && l != (long) l.doubleValue()) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == 0.0 ? 0.0 : d;
        }
        if (value instanceof Map<?, ?> map) {
            Document result = new Document();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                result.put(String.valueOf(e.getKey()), normalizeNested(e.getValue()));
            }
            return result;
        }
        if (value instanceof Collection<?> list) {
            List<Object> result = new ArrayList<>();
            for (Object o : list) {
                result.add(normalizeNested(o));
            }
            return result;
        }
        return value;
    }

    private static Object normalizeNested(Object value) {
        return value instanceof Missing ? null : normalize(value);
    }

    /**
     * Whether the planner may look a value up in an index: scalars whose BSON order and equality agree
     * (no null, regex, array, subdocument, NaN).
     */
    static boolean indexable(Object value) {
        if (value instanceof Double d && d.isNaN()) {
            return false;
        }
        if (value instanceof Float f && f.isNaN()) {
            return false;
        }
        return value instanceof String || value instanceof Number && !(value instanceof Decimal128)
                || value instanceof Boolean || value instanceof ObjectId || value instanceof Instant
                || value instanceof UUID;
    }

    static boolean isRegex(Object value) {
        return BsonRegularExpression.isRegularExpression(value);
    }
}
