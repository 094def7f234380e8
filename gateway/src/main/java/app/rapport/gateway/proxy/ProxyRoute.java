package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.rest.GatewayProblem;
import app.rapport.gateway.security.RateLimiter;
import app.rapport.web.HttpLayerProblems;
import app.rapport.web.HttpProblems;
import app.rapport.web.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reverse proxy: every {@code /api} path the gateway does not answer itself goes to its owning
 * service ({@link Routes}) through the Vert.x HTTP proxy, streamed both ways (a CSV import is never
 * held in memory) over each service's keep-alive pool ({@link ServiceClient}), on the event loop.
 * <p>
 * Order of work, all non-blocking: the caller's token is verified (none, forged, expired: 401 before
 * anything is forwarded; the services verify it again and decide on roles themselves), the per-user
 * rate limit is taken (429), then the request goes out under the service's guard (timeout, circuit
 * breaker, bulkhead: 503 with Retry-After). Method, raw path and query, body bytes and the headers
 * below travel unchanged, plus {@code X-Request-Id} and the W3C trace context (OpenTelemetry's client
 * span); the status, body and the headers below come back unchanged, {@code Location} made relative.
 * <p>
 * It runs as a router filter just after authentication (a Quarkus filter at priority
 * {@value #PRIORITY}), before Quarkus' upload limit: the body limits of proxied paths are
 * {@link HttpLayerProblems}' (the large one for {@code /api/advocates/imports}).
 */
@ApplicationScoped
public class ProxyRoute {
    static final int PRIORITY = HttpLayerProblems.FILTER_PRIORITY - 1;
    static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
            "Accept-Language", "If-Match", "If-None-Match", "X-Request-Id", "Content-Length", "Transfer-Encoding");
    static final List<String> RETURNED_RESPONSE_HEADERS = List.of("Content-Type", "Content-Length",
            "Content-Encoding", "Transfer-Encoding", "ETag", "Retry-After", "Cache-Control", "Last-Modified",
            "Content-Disposition", "WWW-Authenticate", "Vary");
    static final String IMPORTS = "/api/advocates/imports";
    static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final String ORIGIN_REQUEST = "rapport.origin-request";
    private static final Pattern ADVOCATE_360 = Pattern.compile("/api/advocates/[^/]+/360/?");

    @Inject
    ServiceClient client;

    @Inject
    RateLimiter rateLimiter;

    private final Map<DownstreamService, HttpProxy> proxies = new EnumMap<>(DownstreamService.class);

    @PostConstruct
    void init() {
        for (DownstreamService s : DownstreamService.values()) {
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client.client(s));
            proxy.origin(ctx -> client.client(s).request(client.origin(s))
                    .onSuccess(r -> ctx.set(ORIGIN_REQUEST, r)));
            proxy.addInterceptor(new Forwarding(s));
            proxies.put(s, proxy);
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    /** Paths the gateway answers itself (JAX-RS resources). */
    static boolean answeredByGateway(String path) {
        return path.startsWith("/api/ops/") || path.equals("/api/ops") || path.startsWith("/api/dev/")
                || ADVOCATE_360.matcher(path).matches();
    }

    void handle(RoutingContext rc) {
        String path = rc.request().path();
        if (path == null || !path.startsWith("/api/") || answeredByGateway(path)) {
            rc.next();
            return;
        }
        HttpServerRequest request = rc.request();
        request.pause();
        Context context = Vertx.currentContext();
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(rc, null);
        if (identity == null) {
            unauthorized(rc);
            return;
        }
        identity.subscribe().with(
                id -> onContext(context, () -> authenticated(rc, path, id)),
                failure -> onContext(context, () -> unauthorized(rc)));
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private void authenticated(RoutingContext rc, String path, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            unauthorized(rc);
            return;
        }
        String user = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
        long wait = rateLimiter.acquire(user);
        if (wait > 0) {
            refuse(rc, GatewayProblem.tooManyRequestsProblem(wait), Map.of("Retry-After", Long.toString(wait)));
            return;
        }
        DownstreamService service = Routes.route(path);
        if (service == null) {
            refuse(rc, Problem.of(404, "Not Found", "No such resource: " + path), Map.of());
            return;
        }
        HttpServerRequest request = rc.request();
        if (request.version() == HttpVersion.HTTP_2 && request.getHeader("Content-Length") == null
                && BODY_METHODS.contains(request.method()) && !request.isEnded()) {
            // HTTP/2 frames a body of unknown length itself; the HTTP/1.1 call to the service needs
            // chunked transfer for it, which the proxy derives from the incoming headers
            request.headers().set("Transfer-Encoding", "chunked");
        }
        proxies.get(service).handle(request);
    }

    private static void unauthorized(RoutingContext rc) {
        refuse(rc, Problem.of(401, "Unauthorized", "A valid bearer token is required"),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    private static void refuse(RoutingContext rc, Problem problem, Map<String, String> headers) {
        rc.request().resume(); // the body, if any, is read and dropped
        HttpProblems.send(rc.response(), problem, headers);
    }

    /** What travels to the service and back, and the guard around the call. */
    final class Forwarding implements ProxyInterceptor {
        private final DownstreamService service;

        Forwarding(DownstreamService service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
            ProxyRequest request = ctx.request();
            keepOnly(request.headers(), FORWARDED_REQUEST_HEADERS);
            String path = request.proxiedRequest().path();
            boolean upload = path.startsWith(IMPORTS);
            return client.<ProxyResponse>guarded(service, upload, ctx::sendRequest, () -> {
                HttpClientRequest origin = ctx.get(ORIGIN_REQUEST, HttpClientRequest.class);
                if (origin != null) {
                    origin.reset();
                }
            }, request.getMethod() + " " + path).recover(failure -> {
                ServiceUnavailable su = failure instanceof ServiceUnavailable s ? s
                        : new ServiceUnavailable(service, "failed", 5);
                Problem p = GatewayProblem.unavailableProblem(su.getMessage() + "; try again shortly",
                        su.retryAfterSeconds());
                ProxyResponse response = request.release().response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", Long.toString(su.retryAfterSeconds()))
                        .setBody(Body.body(Buffer.buffer(GatewayProblem.json(p))));
                return Future.succeededFuture(response);
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext ctx) {
            ProxyResponse response = ctx.response();
            String location = response.headers().get("Location");
            keepOnly(response.headers(), RETURNED_RESPONSE_HEADERS);
            if (location != null) {
                response.putHeader("Location", relativeLocation(location));
            }
            return ctx.sendResponse();
        }
    }

    private static void keepOnly(MultiMap headers, List<String> names) {
        MultiMap kept = MultiMap.caseInsensitiveMultiMap();
        for (String name : names) {
            List<String> values = headers.getAll(name);
            if (!values.isEmpty()) {
                kept.add(name, values);
            }
        }
        headers.clear();
        headers.addAll(kept);
    }

    /** A service's absolute Location (its own host and port) becomes the same path on the gateway. */
    static String relativeLocation(String location) {
        try {
            URI uri = URI.create(location);
            if (!uri.isAbsolute()) {
                return location;
            }
            String raw = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return raw + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return location;
        }
    }
}
