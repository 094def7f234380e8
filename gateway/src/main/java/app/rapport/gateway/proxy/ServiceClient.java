package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.config.GatewayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Calls a service with a per-call timeout behind that service's circuit breaker. Every transport
 * failure (refused, reset, timed out) counts against the breaker and surfaces as
 * {@link ServiceUnavailable}; any HTTP answer, whatever its status, is the service's and is returned.
 */
@ApplicationScoped
public class ServiceClient {
    private static final Logger LOG = Logger.getLogger(ServiceClient.class);

    @Inject
    GatewayConfig config;

    private HttpClient http;
    private ExecutorService executor;
    private final Map<DownstreamService, CircuitBreaker> breakers = new EnumMap<>(DownstreamService.class);

    @PostConstruct
    void init() {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gateway-upstream");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        for (DownstreamService s : DownstreamService.values()) {
            breakers.put(s, new CircuitBreaker(config.breaker().failureThreshold(), config.breaker().openDuration(),
                    System::nanoTime));
        }
    }

    public URI uri(DownstreamService service, String pathAndQuery) {
        return URI.create(config.url(service) + pathAndQuery);
    }

    /**
     * Sends {@code request} (built without a timeout; this adds it) to {@code service}. The stage
     * fails with {@link ServiceUnavailable} when the service cannot answer.
     */
    public CompletionStage<Upstream> send(DownstreamService service, HttpRequest.Builder request) {
        CircuitBreaker breaker = breakers.get(service);
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (!permit.allowed()) {
            return CompletableFuture.failedFuture(new ServiceUnavailable(service, "is unavailable (circuit open)",
                    ceilSeconds(permit.retryAfterNanos())));
        }
        HttpRequest built = request.timeout(config.timeout()).build();
        return http.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray())
                // belt and braces: the whole exchange, body included, is bounded too
                .orTimeout(config.timeout().toMillis() + 500, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure == null) {
                        breaker.onSuccess();
                        return new Upstream(response.statusCode(), response.headers(), response.body());
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    breaker.onFailure();
                    String reason = cause instanceof HttpTimeoutException
                            || cause instanceof java.util.concurrent.TimeoutException
                            ? "did not answer within " + config.timeout().toMillis() + " ms"
                            : cause instanceof IOException ? "could not be reached" : "failed";
                    // path only: a query string may hold search terms such as a name or an email address
                    LOG.warnf("%s %s %s: %s (request %s)", service.serviceName(), built.method(),
                            built.uri().getRawPath(), reason, built.headers().firstValue("X-Request-Id").orElse("-"));
                    long retry = breaker.state() == CircuitBreaker.State.OPEN
                            ? config.breaker().openDuration().toSeconds()
                            : config.retryAfter().toSeconds();
                    throw new CompletionException(new ServiceUnavailable(service, reason, retry));
                });
    }

    public CircuitBreaker.State state(DownstreamService service) {
        return breakers.get(service).state();
    }

    /** Closes every breaker (tests, and an operator's escape hatch). */
    public void resetBreakers() {
        breakers.values().forEach(CircuitBreaker::reset);
    }

    /** A plain call outside the breakers, for ops probes (/q/health, /q/metrics). */
    public CompletionStage<HttpResponse<String>> probe(URI uri, java.time.Duration timeout) {
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
