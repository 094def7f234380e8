package app.rapport.bench.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** One java.net.http client (HTTP/1.1, keep-alive) for the whole bench; sync calls for seeding, async for load. */
public final class Http {
    public record Resp(int status, String body) {
        public boolean is(int s) {
            return status == s;
        }
    }

    /** A request to send: absolute URL, method, bearer token, JSON body or null. */
    public record Req(String method, String url, String token, String contentType, byte[] body) {
        public static Req get(String url, String token) {
            return new Req("GET", url, token, null, null);
        }

        public static Req json(String method, String url, String token, String json) {
            return new Req(method, url, token, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public Http(Duration timeout, int threads) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    public Duration timeout() {
        return timeout;
    }

    HttpRequest build(Req r, Duration t) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.url())).timeout(t).header("Accept", "application/json");
        if (r.token() != null) {
            b.header("Authorization", "Bearer " + r.token());
        }
        if (r.body() != null) {
            b.header("Content-Type", r.contentType()).method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        } else {
            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    public CompletableFuture<Resp> async(Req r) {
        return client.sendAsync(build(r, timeout), HttpResponse.BodyHandlers.ofString())
                .thenApply(x -> new Resp(x.statusCode(), x.body()));
    }

    /** A blocking call; an I/O failure is status -1 with the exception text as body (never thrown). */
    public Resp call(Req r) {
        return call(r, timeout);
    }

    public Resp call(Req r, Duration t) {
        try {
            HttpResponse<String> x = client.send(build(r, t), HttpResponse.BodyHandlers.ofString());
            return new Resp(x.statusCode(), x.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Resp(-1, e.toString());
        } catch (Exception e) {
            return new Resp(-1, e.toString());
        }
    }
}
