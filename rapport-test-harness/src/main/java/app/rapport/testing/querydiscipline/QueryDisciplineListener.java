package app.rapport.testing.querydiscipline;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records every query a service sends to MongoDB during its tests and checks, as MongoDB's
 * {@code notablescan} would, that an index serves it ({@link IndexPlan}). It is a CDI bean in the
 * test harness, so the Quarkus MongoDB client of every service under test picks it up.
 *
 * <p>Only queries issued by a service's own code are judged: the first {@code app.rapport} frame
 * below the driver decides, and a test class (one loaded from {@code test-classes}) that sets up or
 * cleans data is not the service. A query whose {@code comment} starts with {@value #NAMED_SCAN}
 * is a scan on purpose (a rebuild, a search) and is recorded as such instead of failing.
 *
 * <p>Each distinct shape (namespace, command, filter keys and operators, sort, call site) is
 * appended once to {@code target/query-discipline/<pid>.jsonl}; {@link QueryDisciplineReport} reads
 * it at the end of the module's test run. A file, not a static field, because Quarkus loads the
 * application (and this bean) in a class loader of its own for each test profile.
 */
@ApplicationScoped
public class QueryDisciplineListener implements CommandListener {
    /** The comment prefix that names an intentional collection scan. */
    public static final String NAMED_SCAN = "scan:";

    private static final Set<String> QUERY_COMMANDS = Set.of("find", "count", "distinct", "aggregate", "update",
            "delete", "findAndModify", "findandmodify");
    private static final Set<String> SKIPPED_DATABASES = Set.of("admin", "local", "config");

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, List<IndexPlan.Index>> indexCache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> testClass = new ConcurrentHashMap<>();
    private volatile MongoClient side;

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String command = event.getCommandName();
        if (!QUERY_COMMANDS.contains(command) || SKIPPED_DATABASES.contains(event.getDatabaseName())) {
            return;
        }
        try {
            String callsite = serviceCallsite();
            if (callsite == null) {
                return; // issued by a test, or by no code of ours
            }
            BsonDocument cmd = event.getCommand();
            String collection = cmd.getString(command.equals("findandmodify") ? "findandmodify" : command,
                    new BsonString("?")).getValue();
            String ns = event.getDatabaseName() + "." + collection;
            for (Query q : queries(command, cmd)) {
                judge(ns, command, q, callsite);
            }
        } catch (RuntimeException e) {
            record(Map.of("verdict", "error", "command", command, "why", String.valueOf(e)));
        }
    }

    private record Query(BsonDocument filter, BsonDocument sort, String comment, boolean countAll) {
    }

    private static List<Query> queries(String command, BsonDocument cmd) {
        String comment = cmd.containsKey("comment") && cmd.get("comment").isString()
                ? cmd.getString("comment").getValue() : null;
        List<Query> out = new ArrayList<>();
        switch (command) {
            case "find" -> out.add(new Query(doc(cmd, "filter"), doc(cmd, "sort"), comment, false));
            case "count" -> out.add(new Query(doc(cmd, "query"), null, comment, !cmd.containsKey("query")
                    || cmd.getDocument("query").isEmpty()));
            case "distinct" -> out.add(new Query(doc(cmd, "query"), null, comment, false));
            case "findAndModify", "findandmodify" -> out.add(new Query(doc(cmd, "query"), doc(cmd, "sort"), comment,
                    false));
            case "aggregate" -> {
                BsonArray pipeline = cmd.getArray("pipeline", new BsonArray());
                BsonDocument match = null;
                BsonDocument sort = null;
                if (!pipeline.isEmpty() && pipeline.get(0).asDocument().containsKey("$match")) {
                    match = pipeline.get(0).asDocument().getDocument("$match");
                    if (pipeline.size() > 1 && pipeline.get(1).asDocument().containsKey("$sort")) {
                        sort = pipeline.get(1).asDocument().getDocument("$sort");
                    }
                }
                out.add(new Query(match == null ? new BsonDocument() : match, sort, comment, false));
            }
            case "update" -> {
                for (BsonValue u : cmd.getArray("updates", new BsonArray())) {
                    out.add(new Query(doc(u.asDocument(), "q"), null, comment, false));
                }
            }
            case "delete" -> {
                for (BsonValue d : cmd.getArray("deletes", new BsonArray())) {
                    out.add(new Query(doc(d.asDocument(), "q"), null, comment, false));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private void judge(String ns, String command, Query q, String callsite) {
        String shape = shape(q.filter()).toJson();
        String sort = q.sort() == null ? null : q.sort().toJson();
        String key = ns + "|" + command + "|" + shape + "|" + sort + "|" + q.comment() + "|" + callsite;
        if (seen.contains(key)) {
            return;
        }
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("ns", ns);
        row.put("command", command);
        row.put("filter", shape);
        if (sort != null) {
            row.put("sort", sort);
        }
        row.put("callsite", callsite);
        if (q.comment() != null) {
            row.put("comment", q.comment());
        }
        if (q.countAll()) {
            row.put("verdict", "ok"); // a count of the whole collection is answered from metadata
            row.put("index", "(collection metadata)");
        } else if (q.comment() != null && q.comment().startsWith(NAMED_SCAN)) {
            row.put("verdict", "named-scan");
        } else {
            List<IndexPlan.Index> known = indexes(ns, false);
            if (known == null) {
                known = indexes(ns, true);
            }
            if (known == null) {
                return; // the collection does not exist yet: nothing to scan; judge it once it does
            }
            IndexPlan.Verdict v = IndexPlan.check(q.filter(), q.sort(), known);
            if (!v.served()) {
                List<IndexPlan.Index> fresh = indexes(ns, true); // an index may be new
                if (fresh != null) {
                    v = IndexPlan.check(q.filter(), q.sort(), fresh);
                }
            }
            row.put("verdict", v.served() ? "ok" : "violation");
            if (v.served()) {
                row.put("index", v.index());
            } else {
                row.put("why", v.why());
            }
        }
        if (seen.add(key)) {
            record(row);
        }
    }

    /** The filter with every value replaced by "?", keeping keys and operators. */
    static BsonDocument shape(BsonDocument filter) {
        BsonDocument out = new BsonDocument();
        if (filter == null) {
            return out;
        }
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            out.put(e.getKey(), shapeValue(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static BsonValue shapeValue(String key, BsonValue v) {
        if (v.isDocument()) {
            BsonDocument d = v.asDocument();
            if (!d.isEmpty() && d.getFirstKey().startsWith("$")) {
                BsonDocument out = new BsonDocument();
                for (Map.Entry<String, BsonValue> e : d.entrySet()) {
                    boolean nested = e.getValue().isDocument() && (e.getKey().equals("$elemMatch")
                            || e.getKey().equals("$not"));
                    out.put(e.getKey(), nested ? shape(e.getValue().asDocument()) : new BsonString("?"));
                }
                return out;
            }
            return new BsonString("?");
        }
        if (v.isArray() && key.startsWith("$")) {
            BsonArray out = new BsonArray();
            for (BsonValue part : v.asArray()) {
                out.add(part.isDocument() ? shape(part.asDocument()) : new BsonString("?"));
            }
            return out;
        }
        return new BsonString("?");
    }

    /** The first frame of a service's own code, or null when a test (or no code of ours) issued the query. */
    private String serviceCallsite() {
        for (StackTraceElement f : Thread.currentThread().getStackTrace()) {
            String c = f.getClassName();
            if (!c.startsWith("app.rapport.") || c.startsWith("app.rapport.testing.")) {
                continue;
            }
            if (isTestClass(c)) {
                return null;
            }
            return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName() + ":" + f.getLineNumber();
        }
        return null;
    }

    private boolean isTestClass(String className) {
        return testClass.computeIfAbsent(className, c -> {
            String outer = c.contains("$") ? c.substring(0, c.indexOf('$')) : c;
            String resource = outer.replace('.', '/') + ".class";
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            URL url = cl == null ? null : cl.getResource(resource);
            if (url == null) {
                url = QueryDisciplineListener.class.getClassLoader().getResource(resource);
            }
            return url != null && url.toString().contains("/test-classes/");
        });
    }

    private static BsonDocument doc(BsonDocument d, String key) {
        return d.containsKey(key) && d.get(key).isDocument() ? d.getDocument(key) : null;
    }

    /** The collection's indexes, or null when it does not exist. */
    private List<IndexPlan.Index> indexes(String ns, boolean refresh) {
        if (!refresh && indexCache.containsKey(ns)) {
            List<IndexPlan.Index> cached = indexCache.get(ns);
            return cached.isEmpty() ? null : cached;
        }
        int dot = ns.indexOf('.');
        List<IndexPlan.Index> list = new ArrayList<>();
        try {
            for (Document spec : side().getDatabase(ns.substring(0, dot)).getCollection(ns.substring(dot + 1))
                    .listIndexes()) {
                list.add(IndexPlan.Index.of(spec.toBsonDocument()));
            }
        } catch (MongoCommandException e) {
            list.clear(); // no such collection
        }
        indexCache.put(ns, list);
        return list.isEmpty() ? null : list;
    }

    private MongoClient side() {
        MongoClient c = side;
        if (c == null) {
            synchronized (this) {
                if (side == null) {
                    String uri = ConfigProvider.getConfig().getValue("quarkus.mongodb.connection-string", String.class);
                    side = MongoClients.create(MongoClientSettings.builder()
                            .applyConnectionString(new ConnectionString(uri))
                            .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                            .build());
                }
                c = side;
            }
        }
        return c;
    }

    private static synchronized void record(Map<String, Object> row) {
        Path file = QueryDisciplineReport.file();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new Document(row).toJson() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void close() {
        if (side != null) {
            side.close();
        }
    }
}
