package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The gateway's connections to the services: one Vert.x {@link HttpClient} per service (a pool of
 * keep-alive connections, never blocking a thread), and per service a SmallRye Fault Tolerance
 * {@link Guard}: a timeout until the answer's head, a circuit breaker and a bulkhead. CSV imports
 * have their own guard with the longer {@code upload-timeout} (their body streams meanwhile).
 * A transport failure, a timeout, an open breaker or a full bulkhead surface as
 * {@link ServiceUnavailable}; any HTTP answer, whatever its status, is the service's and is a success.
 */
@ApplicationScoped
public class ServiceClient {
    private static final Logger LOG = Logger.getLogger(ServiceClient.class);
    private static final TypeLiteral<CompletionStage<Object>> STAGE = new TypeLiteral<>() {
    };

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    CircuitBreakerMaintenance breakers;

    private final Map<DownstreamService, HttpClient> clients = new EnumMap<>(DownstreamService.class);
    private final Map<DownstreamService, Guard> guards = new EnumMap<>(DownstreamService.class);
    private final Map<DownstreamService, Guard> uploadGuards = new EnumMap<>(DownstreamService.class);
    private final Map<DownstreamService, URI> origins = new EnumMap<>(DownstreamService.class);

    @PostConstruct
    void init() {
        for (DownstreamService s : DownstreamService.values()) {
            URI origin = URI.create(config.url(s));
            origins.put(s, origin);
            boolean tls = "https".equalsIgnoreCase(origin.getScheme());
            HttpClientOptions options = new HttpClientOptions()
                    .setDefaultHost(origin.getHost())
                    .setDefaultPort(port(origin))
                    .setSsl(tls)
                    .setKeepAlive(true)
                    .setKeepAliveTimeout(60)
                    .setConnectTimeout((int) config.connectTimeout().toMillis())
                    .setIdleTimeout((int) config.idleTimeout().toMillis())
                    .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                    .setDecompressionSupported(false)
                    .setName("gateway-" + s.key());
            clients.put(s, vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.poolSize())
                    .setMaxWaitQueueSize(-1)));
            guards.put(s, guard(s, s.key(), "", config.timeout()));
            uploadGuards.put(s, guard(s, s.key() + "-uploads", " (uploads)", config.uploadTimeout()));
        }
    }

    private Guard guard(DownstreamService s, String name, String what, Duration timeout) {
        return Guard.create()
                .withDescription("gateway → " + s.serviceName() + what)
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name(breakerName(name))
                .requestVolumeThreshold(config.breaker().failureThreshold())
                .failureRatio(1.0)
                // our own reset of a call whose caller went away (or that timed out, counted as
                // the timeout) is not the service failing
                .when(failure -> !(failure instanceof StreamResetException))
                .successThreshold(1)
                .delay(config.breaker().openDuration().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(state -> LOG.infof("circuit breaker of %s is %s", s.serviceName(), state))
                .done()
                .withBulkhead().limit(config.bulkhead().limit()).queueSize(config.bulkhead().queue()).done()
                .withThreadOffload(false)
                .build();
    }

    static String breakerName(String key) {
        return "gateway-" + key;
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }

    public HttpClient client(DownstreamService service) {
        return clients.get(service);
    }

    /** Options of a request to {@code service}'s origin (host and port of its URL). */
    public RequestOptions origin(DownstreamService service) {
        URI o = origins.get(service);
        return new RequestOptions().setHost(o.getHost()).setPort(port(o)).setSsl("https".equalsIgnoreCase(o.getScheme()));
    }

    /**
     * Runs {@code call} under the service's guard, back on the caller's Vert.x context. The future
     * fails with {@link ServiceUnavailable} when the service cannot answer; {@code onGiveUp} runs
     * when the guard gives up on a call still in flight (a timeout), to abort it.
     */
    @SuppressWarnings("unchecked")
    public <T> Future<T> guarded(DownstreamService service, boolean upload, Supplier<Future<T>> call, Runnable onGiveUp,
            String what) {
        Context context = Vertx.currentContext();
        Guard guard = (upload ? uploadGuards : guards).get(service);
        CompletionStage<Object> stage;
        try {
            stage = guard.call(() -> (CompletionStage<Object>) call.get().toCompletionStage(), STAGE);
        } catch (Exception e) {
            stage = CompletableFuture.failedFuture(e);
        }
        Future<Object> f = context == null ? Future.fromCompletionStage(stage)
                : Future.fromCompletionStage(stage, context);
        return f.recover(failure -> {
            ServiceUnavailable su = unavailable(service, upload, failure, what);
            if (failure instanceof TimeoutException && onGiveUp != null) {
                onGiveUp.run();
            }
            return Future.failedFuture(su);
        }).map(o -> (T) o);
    }

    private ServiceUnavailable unavailable(DownstreamService service, boolean upload, Throwable failure, String what) {
        String reason;
        long retry = config.retryAfter().toSeconds();
        if (failure instanceof CircuitBreakerOpenException) {
            reason = "is unavailable (circuit open)";
            retry = config.breaker().openDuration().toSeconds();
        } else if (failure instanceof BulkheadException) {
            reason = "is busy (too many calls in flight)";
            retry = 1;
        } else if (failure instanceof TimeoutException) {
            reason = "did not answer within " + (upload ? config.uploadTimeout() : config.timeout()).toMillis() + " ms";
        } else if (failure instanceof ConnectException || failure instanceof java.io.IOException
                || failure instanceof io.vertx.core.VertxException) {
            reason = "could not be reached";
        } else {
            reason = "failed";
        }
        if (!(failure instanceof CircuitBreakerOpenException)) {
            // path only: a query string may hold search terms such as a name or an email address
            LOG.warnf("%s %s: %s (%s)", service.serviceName(), what, reason, failure.toString());
        }
        if (state(service) == CircuitBreakerState.OPEN) {
            retry = config.breaker().openDuration().toSeconds();
        }
        return new ServiceUnavailable(service, reason, retry);
    }

    /**
     * A small guarded GET (the 360's parts): the whole answer in memory. Fails with
     * {@link ServiceUnavailable}.
     */
    public Future<Upstream> get(DownstreamService service, String pathAndQuery, MultiMap headers) {
        HttpClient http = clients.get(service);
        HttpClientRequest[] inFlight = new HttpClientRequest[1];
        return guarded(service, false, () -> http.request(origin(service).setMethod(HttpMethod.GET).setURI(pathAndQuery))
                .compose(req -> {
                    inFlight[0] = req;
                    req.headers().addAll(headers);
                    return req.send();
                })
                .compose(resp -> resp.body().map(body -> new Upstream(resp.statusCode(), resp.headers(), body))),
                () -> {
                    if (inFlight[0] != null) {
                        inFlight[0].reset();
                    }
                }, "GET " + pathOnly(pathAndQuery));
    }

    /** A plain GET outside the guards, for ops probes (/q/health, /q/metrics). */
    public Future<Upstream> probe(DownstreamService service, String path, Duration timeout) {
        return clients.get(service).request(origin(service).setMethod(HttpMethod.GET).setURI(path)
                        .setIdleTimeout(timeout.toMillis()))
                .compose(HttpClientRequest::send)
                .compose(resp -> resp.body().map(body -> new Upstream(resp.statusCode(), resp.headers(), body)));
    }

    public CircuitBreakerState state(DownstreamService service) {
        return breakers.currentState(breakerName(service.key()));
    }

    /** Closes every breaker (tests, and an operator's escape hatch). */
    public void resetBreakers() {
        for (DownstreamService s : DownstreamService.values()) {
            breakers.reset(breakerName(s.key()));
            breakers.reset(breakerName(s.key() + "-uploads"));
        }
    }

    static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
