package app.rapport.gateway.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every {@code /api} request an {@code X-Request-Id}: the caller's when it is sane, otherwise a
 * new one. It is set on the request itself (so the proxy forwards it) and echoed in every answer,
 * refusals included. The W3C trace context is OpenTelemetry's (quarkus-opentelemetry): the gateway's
 * server span continues the caller's {@code traceparent}, and each call to a service is a client
 * span whose context travels in the forwarded {@code traceparent}.
 */
@ApplicationScoped
public class RequestTracing {
    public static final String REQUEST_ID = "X-Request-Id";
    static final String REQUEST_ID_PROPERTY = "rapport.request-id";

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Runs before everything else on every /api request, the refusals of security included. */
    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (rc.request().path().startsWith("/api")) {
                String id = requestId(rc);
                rc.addHeadersEndHandler(v -> rc.response().headers().set(REQUEST_ID, id));
            }
            rc.next();
        }, 1000);
    }

    /** The request id of this request, assigned on first use. */
    public static String requestId(RoutingContext rc) {
        String id = rc.get(REQUEST_ID_PROPERTY);
        if (id == null) {
            id = rc.request().getHeader(REQUEST_ID);
            if (id == null || !SANE_ID.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            rc.request().headers().set(REQUEST_ID, id);
            rc.put(REQUEST_ID_PROPERTY, id);
        }
        return id;
    }
}
