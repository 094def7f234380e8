package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.rest.GatewayProblem;
import app.rapport.gateway.rest.RequestTracing;
import app.rapport.gateway.security.RateLimiter;
import app.rapport.web.ApiException;
import io.quarkus.security.Authenticated;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Every {@code /api} path the gateway does not answer itself goes to its owning service
 * ({@link Routes}). The caller's token is verified here first (no, forged or expired token: 401
 * before anything is forwarded); the services verify it again and decide on roles themselves.
 * Method, path, query string, body and the headers below travel unchanged; so do the status, the
 * body and the response headers below.
 */
@Path("/api")
@Authenticated
public class ProxyResource {
    static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
            "Accept-Language", "If-Match", "If-None-Match");
    static final List<String> RETURNED_RESPONSE_HEADERS = List.of("Content-Type", "ETag", "Retry-After",
            "Cache-Control", "Last-Modified", "Content-Disposition", "WWW-Authenticate");

    @Inject
    ServiceClient client;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    JsonWebToken jwt;

    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public CompletionStage<Response> get(@Context RoutingContext rc) {
        return forward(rc, "GET", null);
    }

    @DELETE
    @Path("{path: .+}")
    @Operation(hidden = true)
    public CompletionStage<Response> delete(@Context RoutingContext rc) {
        return forward(rc, "DELETE", null);
    }

    @POST
    @Path("{path: .+}")
    @Operation(hidden = true)
    public CompletionStage<Response> post(@Context RoutingContext rc, byte[] body) {
        return forward(rc, "POST", body);
    }

    @PUT
    @Path("{path: .+}")
    @Operation(hidden = true)
    public CompletionStage<Response> put(@Context RoutingContext rc, byte[] body) {
        return forward(rc, "PUT", body);
    }

    @PATCH
    @Path("{path: .+}")
    @Operation(hidden = true)
    public CompletionStage<Response> patch(@Context RoutingContext rc, byte[] body) {
        return forward(rc, "PATCH", body);
    }

    private CompletionStage<Response> forward(RoutingContext rc, String method, byte[] body) {
        String path = rc.request().path();
        DownstreamService service = Routes.route(path);
        if (service == null) {
            throw ApiException.notFound("No such resource: " + path);
        }
        rateLimiter.check(jwt.getSubject());
        String query = rc.request().query();
        String target = path + (query == null || query.isEmpty() ? "" : "?" + query);

        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(service, target));
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = rc.request().getHeader(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        request.header(RequestTracing.REQUEST_ID, RequestTracing.requestId(rc));
        request.header(RequestTracing.TRACEPARENT, RequestTracing.traceparent(rc));
        request.method(method, body == null || body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));

        return client.send(service, request).handle((up, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof ServiceUnavailable su) {
                    return GatewayProblem.unavailable(su.getMessage() + "; try again shortly",
                            su.retryAfterSeconds()).toResponse();
                }
                throw failure instanceof RuntimeException re ? re : new CompletionException(failure);
            }
            return passThrough(up);
        });
    }

    /** The service's answer as the caller gets it: same status, body and the headers above. */
    public static Response passThrough(Upstream up) {
        Response.ResponseBuilder b = Response.status(up.status());
        for (String name : RETURNED_RESPONSE_HEADERS) {
            up.headers().allValues(name).forEach(v -> b.header(name, v));
        }
        String location = up.header("Location");
        if (location != null) {
            b.header("Location", relativeLocation(location));
        }
        if (up.body() != null && up.body().length > 0) {
            b.entity(up.body());
        }
        return b.build();
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
