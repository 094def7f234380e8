package app.rapport.testing.querydiscipline;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, as MongoDB's planner would under {@code notablescan}, whether a filter (and its sort) is
 * served by one of a collection's indexes. Pure logic, no I/O.
 *
 * <p>The rule: the filter's equality keys (a plain value, {@code $eq}, {@code $in}) must be exactly
 * the first keys of an index, in any order among themselves; its range keys ({@code $gt},
 * {@code $gte}, {@code $lt}, {@code $lte}, and {@code $exists: true} on a sparse index) must be the
 * keys right after them. Conditions beside an {@code $or} that an index serves make the {@code $or} a
 * mere filter of the candidates. Any other condition ({@code $ne}, {@code $nin}, {@code $regex},
 * {@code $elemMatch}, ...) only filters the candidates the index gives and is ignored here, but a
 * filter made only of such conditions is a collection scan. An equality on {@code _id} is always a
 * point lookup. Each branch of an {@code $or} must be served on its own. A sort is covered when its
 * keys continue the index after the equality keys (or the range key), all in the index's direction
 * or all reversed.
 */
public final class IndexPlan {

    /** One declared index: its keys in order with their direction (1 or -1), and whether it is sparse. */
    public record Index(String name, LinkedHashMap<String, Integer> keys, boolean sparse) {
        public List<String> fields() {
            return new ArrayList<>(keys.keySet());
        }

        public static Index of(BsonDocument spec) {
            LinkedHashMap<String, Integer> keys = new LinkedHashMap<>();
            BsonDocument key = spec.getDocument("key");
            for (String k : key.keySet()) {
                BsonValue v = key.get(k);
                keys.put(k, v.isNumber() && v.asNumber().doubleValue() < 0 ? -1 : 1);
            }
            boolean sparse = spec.containsKey("sparse") && spec.get("sparse").isBoolean()
                    && spec.getBoolean("sparse").getValue();
            boolean partial = spec.containsKey("partialFilterExpression");
            return new Index(spec.getString("name", new org.bson.BsonString(String.valueOf(keys))).getValue(), keys,
                    sparse || partial);
        }
    }

    /** The verdict: served (and by which index), or why not. */
    public record Verdict(boolean served, String index, String why) {
        static Verdict yes(String index) {
            return new Verdict(true, index, null);
        }

        static Verdict no(String why) {
            return new Verdict(false, null, why);
        }
    }

    private static final Set<String> RANGE = Set.of("$gt", "$gte", "$lt", "$lte");

    /** The keys of one conjunction, by how an index can use them. */
    record Conjunction(Set<String> equality, Set<String> range, Set<String> existsTrue, Set<String> residual) {
        Conjunction() {
            this(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        }

        Conjunction copy() {
            return new Conjunction(new LinkedHashSet<>(equality), new LinkedHashSet<>(range),
                    new LinkedHashSet<>(existsTrue), new LinkedHashSet<>(residual));
        }
    }

    public static Verdict check(BsonDocument filter, BsonDocument sort, List<Index> indexes) {
        if (filter == null) {
            filter = new BsonDocument();
        }
        if (filter.toJson().contains("\"$or\"")) {
            // the conditions beside an $or may be served (and sorted) by an index on their own; the
            // $or then only filters the candidates, as in a keyset page {a: x, $or: [{t < at}, {t: at, _id < id}]}
            List<Conjunction> outer = new ArrayList<>(List.of(new Conjunction()));
            addAll(filter, outer, false);
            Verdict v = checkConjunction(outer.get(0), sort, indexes);
            if (v.served()) {
                return v;
            }
        }
        List<Conjunction> branches = expand(filter);
        String used = null;
        for (Conjunction c : branches) {
            Verdict v = checkConjunction(c, branches.size() == 1 ? sort : null, indexes);
            if (!v.served()) {
                return v;
            }
            used = used == null ? v.index() : used;
        }
        if (branches.size() > 1 && sort != null && !sort.isEmpty()) {
            // an $or is answered by several index scans merged; MongoDB then sorts in memory
            return Verdict.no("a sort over an $or cannot be served by one index: " + sort.toJson());
        }
        return Verdict.yes(used);
    }

    private static Verdict checkConjunction(Conjunction c, BsonDocument sort, List<Index> indexes) {
        if (c.equality().contains("_id")) {
            return Verdict.yes("_id_");
        }
        if (c.equality().isEmpty() && c.range().isEmpty() && c.existsTrue().isEmpty()) {
            return Verdict.no(c.residual().isEmpty() ? "no condition at all: a collection scan"
                    : "only non-indexable conditions " + c.residual() + ": a collection scan");
        }
        String best = null;
        for (Index index : indexes) {
            List<String> f = index.fields();
            int e = c.equality().size();
            if (f.size() < e || !Set.copyOf(f.subList(0, e)).equals(c.equality())) {
                continue;
            }
            Set<String> ranges = new LinkedHashSet<>(c.range());
            if (index.sparse()) {
                ranges.addAll(c.existsTrue());
            }
            Set<String> unusedExists = new LinkedHashSet<>(c.existsTrue());
            unusedExists.removeAll(ranges);
            // an $exists:true the index cannot use is a residual condition, harmless
            int r = ranges.size();
            if (r > 0 && (f.size() < e + r || !Set.copyOf(f.subList(e, e + r)).equals(ranges))) {
                continue;
            }
            if (e == 0 && r == 0) {
                continue;
            }
            if (sort != null && !sort.isEmpty() && !sortCovered(index, e, ranges, sort)) {
                best = best == null ? "index " + index.name() + " " + index.keys() + " serves the filter but not the sort "
                        + sort.toJson() : best;
                continue;
            }
            return Verdict.yes(index.name());
        }
        if (best != null) {
            return Verdict.no(best);
        }
        return Verdict.no("no index has the equality keys " + c.equality() + " as its first keys"
                + (c.range().isEmpty() && c.existsTrue().isEmpty() ? ""
                : " followed by the range keys " + union(c.range(), c.existsTrue())) + "; indexes: "
                + indexes.stream().map(i -> i.name() + i.keys() + (i.sparse() ? " sparse" : "")).toList());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static boolean sortCovered(Index index, int equalityCount, Set<String> ranges, BsonDocument sort) {
        List<String> f = index.fields();
        List<String> sortKeys = new ArrayList<>(sort.keySet());
        // sort keys that are bound by equality change nothing; drop them
        sortKeys.removeIf(k -> f.indexOf(k) >= 0 && f.indexOf(k) < equalityCount);
        if (sortKeys.isEmpty()) {
            return true;
        }
        int start = equalityCount;
        if (ranges.size() > 1) {
            return false;
        }
        if (f.size() < start + sortKeys.size()) {
            return false;
        }
        if (ranges.size() == 1 && !f.get(start).equals(sortKeys.get(0))) {
            return false; // a range on one key, a sort on another: an in-memory sort
        }
        Boolean reversed = null;
        for (int i = 0; i < sortKeys.size(); i++) {
            String k = sortKeys.get(i);
            if (!f.get(start + i).equals(k)) {
                return false;
            }
            BsonValue dir = sort.get(k);
            int d = dir.isNumber() && dir.asNumber().doubleValue() < 0 ? -1 : 1;
            boolean rev = d != index.keys().get(k);
            if (reversed == null) {
                reversed = rev;
            } else if (reversed != rev) {
                return false;
            }
        }
        return true;
    }

    /** Expands a filter into its $or branches (top-level conditions apply to every branch). */
    static List<Conjunction> expand(BsonDocument filter) {
        List<Conjunction> out = new ArrayList<>();
        out.add(new Conjunction());
        addAll(filter, out, true);
        return out;
    }

    private static void addAll(BsonDocument filter, List<Conjunction> branches, boolean expandOr) {
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String key = e.getKey();
            BsonValue value = e.getValue();
            switch (key) {
                case "$and" -> {
                    for (BsonValue part : asArray(value)) {
                        addAll(part.asDocument(), branches, expandOr);
                    }
                }
                case "$or" -> {
                    if (!expandOr) {
                        branches.forEach(b -> b.residual().add(key));
                        continue;
                    }
                    List<Conjunction> expanded = new ArrayList<>();
                    for (Conjunction base : branches) {
                        for (BsonValue part : asArray(value)) {
                            List<Conjunction> one = new ArrayList<>(List.of(base.copy()));
                            addAll(part.asDocument(), one, true);
                            expanded.addAll(one);
                        }
                    }
                    branches.clear();
                    branches.addAll(expanded);
                }
                case "$nor", "$where", "$expr", "$text", "$comment", "$jsonSchema" ->
                        branches.forEach(b -> b.residual().add(key));
                default -> classify(key, value, branches);
            }
        }
    }

    private static void classify(String field, BsonValue value, List<Conjunction> branches) {
        String kind = "eq";
        if (value.isDocument() && !value.asDocument().isEmpty()
                && value.asDocument().getFirstKey().startsWith("$")) {
            BsonDocument ops = value.asDocument();
            boolean eq = false;
            boolean range = false;
            boolean existsTrue = false;
            for (Map.Entry<String, BsonValue> op : ops.entrySet()) {
                String o = op.getKey();
                if (o.equals("$eq") || o.equals("$in")) {
                    eq = true;
                } else if (RANGE.contains(o)) {
                    range = true;
                } else if (o.equals("$exists") && isTrue(op.getValue())) {
                    existsTrue = true;
                }
            }
            kind = eq ? "eq" : range ? "range" : existsTrue ? "exists" : "residual";
        } else if (value.isRegularExpression()) {
            kind = "residual";
        }
        for (Conjunction b : branches) {
            switch (kind) {
                case "eq" -> b.equality().add(field);
                case "range" -> b.range().add(field);
                case "exists" -> b.existsTrue().add(field);
                default -> b.residual().add(field);
            }
        }
        for (Conjunction b : branches) {
            // a field bound by equality needs no range slot
            b.range().removeAll(b.equality());
            b.existsTrue().removeAll(b.equality());
            b.existsTrue().removeAll(b.range());
        }
    }

    private static boolean isTrue(BsonValue v) {
        return (v.isBoolean() && v.asBoolean().getValue()) || (v.isNumber() && v.asNumber().intValue() != 0);
    }

    private static BsonArray asArray(BsonValue v) {
        return v.isArray() ? v.asArray() : new BsonArray(List.of(v));
    }

    private IndexPlan() {
    }
}
