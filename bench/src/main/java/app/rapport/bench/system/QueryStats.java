package app.rapport.bench.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Documents examined per operation, from the embedded Mongo server's admin command
 * {@code {rapportQueryStats: 1}} (and {@code reset: true}) on db {@code admin}, through the MongoDB
 * Java driver. A server without the command (a real MongoDB, or a store without it) makes every
 * reading null, which the report shows as "n/a".
 */
public final class QueryStats implements AutoCloseable {
    private final MongoClient client;
    private volatile String unavailable;

    public QueryStats(String uri) {
        MongoClient c = null;
        try {
            c = MongoClients.create(uri);
        } catch (RuntimeException e) {
            unavailable = e.toString();
        }
        this.client = c;
    }

    public String unavailable() {
        return unavailable;
    }

    public void reset() {
        command(true);
    }

    /** {totals:{…}, byNamespace:{…}, scans:[…]} since the last reset, or null. */
    public Map<String, Object> read() {
        Document d = command(false);
        if (d == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totals", d.get("totals"));
        out.put("byNamespace", d.get("byNamespace"));
        Object scans = d.get("scans");
        if (scans instanceof java.util.List<?> l && l.size() > 20) {
            scans = l.subList(0, 20);
        }
        out.put("scans", scans);
        return out;
    }

    private Document command(boolean reset) {
        if (client == null || unavailable != null) {
            return null;
        }
        try {
            Document cmd = new Document("rapportQueryStats", 1);
            if (reset) {
                cmd.append("reset", true);
            }
            return client.getDatabase("admin").runCommand(cmd);
        } catch (RuntimeException e) {
            unavailable = e.getMessage();
            return null;
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
