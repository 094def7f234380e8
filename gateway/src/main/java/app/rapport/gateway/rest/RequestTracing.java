package app.rapport.gateway.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id} (the caller's when it is sane, otherwise a new one)
 * and a W3C {@code traceparent} whose trace id is kept from the caller's and whose parent id is the
 * gateway's own span. Both are forwarded to the services; the request id is echoed in the answer.
 */
@ApplicationScoped
public class RequestTracing {
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    static final String REQUEST_ID_PROPERTY = "rapport.request-id";

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Runs before everything else on every /api request, the refusals of security included. */
    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (rc.request().path().startsWith("/api")) {
                String id = ensure(rc)[0];
                rc.addHeadersEndHandler(v -> rc.response().headers().set(REQUEST_ID, id));
            }
            rc.next();
        }, 1000);
    }

    /** The request id and traceparent of this request, assigned on first use. */
    private static String[] ensure(RoutingContext rc) {
        String[] ids = rc.get(REQUEST_ID_PROPERTY);
        if (ids == null) {
            String id = rc.request().getHeader(REQUEST_ID);
            if (id == null || !SANE_ID.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            ids = new String[] {id, childTraceparent(rc.request().getHeader(TRACEPARENT))};
            rc.put(REQUEST_ID_PROPERTY, ids);
        }
        return ids;
    }

    public static String requestId(RoutingContext rc) {
        return ensure(rc)[0];
    }

    public static String traceparent(RoutingContext rc) {
        return ensure(rc)[1];
    }

    /** Keeps the caller's trace id (and flags) with a new span id, or starts a new sampled trace. */
    public static String childTraceparent(String incoming) {
        String span = randomHex(8);
        if (incoming != null) {
            var m = TRACEPARENT_FORMAT.matcher(incoming.trim());
            if (m.matches() && !m.group(1).equals("0".repeat(32))) {
                return "00-" + m.group(1) + "-" + span + "-" + m.group(3);
            }
        }
        return "00-" + randomHex(16) + "-" + span + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
