package app.rapport.gateway.ops;

import app.rapport.gateway.readmodel.ReadModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live feed behind {@code GET /api/ops/stream}. It watches the read model's applied-event count
 * in MongoDB (so every gateway instance notices changes whichever instance consumed the event) and,
 * when it moved, pushes a fresh summary ({@code event: summary}) to every open stream; the pipeline
 * panel is pushed again every {@code rapport.ops.stream-refresh} even without events; a comment
 * line every 15 s keeps proxies from closing an idle stream.
 */
@ApplicationScoped
public class OpsStream {
    private static final Logger LOG = Logger.getLogger(OpsStream.class);

    @Inject
    OpsSummary summary;

    @Inject
    ReadModel model;

    @Inject
    ObjectMapper mapper;

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private volatile long lastSeen = -1;
    private volatile long lastPushNanos = System.nanoTime();

    record Client(SseEventSink sink, Sse sse) {
    }

    public void open(SseEventSink sink, Sse sse) {
        Client c = new Client(sink, sse);
        clients.add(c);
        send(c, summaryEvent(sse));
    }

    public int clients() {
        return clients.size();
    }

    @Scheduled(every = "${rapport.ops.stream-poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (clients.isEmpty()) {
            return;
        }
        long applied;
        try {
            applied = model.appliedCount();
        } catch (RuntimeException e) {
            LOG.debugf("read model not readable: %s", e.getMessage());
            return;
        }
        boolean periodic = System.nanoTime() - lastPushNanos > 10_000_000_000L;
        if (applied != lastSeen || periodic) {
            lastSeen = applied;
            lastPushNanos = System.nanoTime();
            broadcastSummary();
        }
    }

    @Scheduled(every = "${rapport.ops.heartbeat:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        for (Client c : clients) {
            send(c, c.sse().newEventBuilder().comment("heartbeat").build());
        }
    }

    void broadcastSummary() {
        String json;
        try {
            json = mapper.writeValueAsString(summary.build());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("could not build the ops summary: %s", e.getMessage());
            return;
        }
        for (Client c : clients) {
            send(c, c.sse().newEventBuilder().name("summary").data(json).build());
        }
    }

    private OutboundSseEvent summaryEvent(Sse sse) {
        try {
            return sse.newEventBuilder().name("summary").data(mapper.writeValueAsString(summary.build())).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(Client c, OutboundSseEvent event) {
        if (c.sink().isClosed()) {
            clients.remove(c);
            return;
        }
        try {
            c.sink().send(event).whenComplete((v, failure) -> {
                if (failure != null) {
                    clients.remove(c);
                    closeQuietly(c);
                }
            });
        } catch (RuntimeException e) {
            clients.remove(c);
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Client c) {
        try {
            c.sink().close();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
