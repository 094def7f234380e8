package app.rapport.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small real HTTP server standing in for one of the services (advocate, ask, touchpoint) on a free
 * port. It records every request it receives and answers with whatever the test programmed; by
 * default 200 with a JSON echo of the method and path. It can be stopped and started again on the
 * same port, as a service that goes down and comes back.
 */
public final class StandInService {
    /** One received request. Header names are lower case. */
    public record Received(String method, String path, String query, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A programmed answer. */
    public record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        public static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        public static Answer problem(int status, String title, String detail) {
            return new Answer(status, Map.of("Content-Type", "application/problem+json"),
                    "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                            + detail + "\"}", 0);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new TreeMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, body, delayMillis);
        }

        public Answer delayed(long millis) {
            return new Answer(status, headers, body, millis);
        }
    }

    public interface Handler {
        Answer answer(Received request);
    }

    private final String name;
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Handler handler;
    private HttpServer server;
    private ExecutorService executor;

    public StandInService(String name) {
        this.name = name;
        this.port = freePort();
        reset();
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
                break;
            } catch (IOException e) {
                last = e; // the port may linger for a moment after a stop
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (server == null) {
            throw new IllegalStateException("stand-in " + name + " cannot bind port " + port, last);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Stops listening: connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Back to the default answer, with the record of received requests cleared. */
    public void reset() {
        received.clear();
        handler = r -> Answer.json(200, "{\"service\":\"" + name + "\",\"method\":\"" + r.method()
                + "\",\"path\":\"" + r.path() + "\"}");
    }

    public void answer(Handler h) {
        this.handler = h;
    }

    /** Requests to /api (health and metrics probes left out). */
    public List<Received> apiRequests() {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.path().startsWith("/api")) {
                out.add(r);
            }
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().getRawPath();
            Received r = new Received(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), headers, body);
            Answer a;
            if (path.equals("/q/health")) {
                a = Answer.json(200, "{\"status\":\"UP\",\"checks\":[]}");
            } else if (path.equals("/q/metrics")) {
                a = new Answer(200, Map.of("Content-Type", "text/plain"),
                        "# TYPE rapport_outbox_pending_events gauge\nrapport_outbox_pending_events 7.0\n", 0);
            } else {
                received.add(r);
                a = handler.answer(r);
            }
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] out = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
