package app.rapport.ask.it;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only: the commands ask-service's own code sends, and how many documents each returned, while
 * {@link #recording} is on. The relay's outbox polls and lease and the expiry job's queries are left out, since they
 * run on their own schedule, not for the request being measured.
 */
@ApplicationScoped
public class CommandCounter implements CommandListener {
    public record Seen(String command, String collection, String filter, int returned) {
    }

    static volatile boolean recording;
    static final List<Seen> SEEN = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Map<Integer, String[]> STARTED = new ConcurrentHashMap<>();

    public static void start() {
        SEEN.clear();
        recording = true;
    }

    public static List<Seen> stop() {
        recording = false;
        synchronized (SEEN) {
            return List.copyOf(SEEN);
        }
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!recording) {
            return;
        }
        BsonDocument cmd = event.getCommand();
        String name = event.getCommandName();
        BsonValue coll = cmd.get(name);
        String filter = cmd.containsKey("filter") ? cmd.getDocument("filter").toJson()
                : cmd.containsKey("updates") ? cmd.getArray("updates").toString() : "";
        if (filter.contains("outbox") || filter.contains("awaitingSince") || filter.contains("dueBy")
                || !"rapport-asks".equals(event.getDatabaseName())) {
            return;
        }
        String collection = coll != null && coll.isString() ? coll.asString().getValue() : "";
        if (collection.startsWith("outbox")) {
            return; // the relay's lease
        }
        STARTED.put(event.getRequestId(), new String[] {name, collection, filter});
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        String[] s = STARTED.remove(event.getRequestId());
        if (s == null || !recording) {
            return;
        }
        BsonDocument reply = event.getResponse();
        int returned = 0;
        if (reply.containsKey("cursor")) {
            BsonDocument c = reply.getDocument("cursor");
            returned = c.containsKey("firstBatch") ? c.getArray("firstBatch").size()
                    : c.containsKey("nextBatch") ? c.getArray("nextBatch").size() : 0;
        }
        SEEN.add(new Seen(s[0], s[1], s[2], returned));
    }
}
