package app.rapport.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * problem+json for what the HTTP layer refuses before JAX-RS sees a request, in every service:
 * <ul>
 * <li><b>413</b> a body whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size}
 * (or over {@code rapport.http.large-body-limit} on the {@code rapport.http.large-body-paths});
 * checked just before Quarkus' own check, which would answer with an empty body;</li>
 * <li><b>414</b> a request line longer than {@code rapport.http.max-uri-length} (default 4096), and
 * <b>431</b> headers larger than {@code rapport.http.max-header-size} (default 20K): Netty's own limits
 * are raised above these in this jar's {@code microprofile-config.properties}, so the request reaches
 * this filter, which refuses it with a body; only requests beyond Netty's limits (16K line, 64K
 * headers) still get Vert.x's bare answer;</li>
 * <li>any other failure that reaches the Vert.x router without an answer (a handler's
 * {@code rc.fail(status)}, an authentication failure below JAX-RS) becomes a problem with that status.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpLayerProblems {
    /** Runs after authentication (priority 200) and before Quarkus' upload limit (order -2). */
    public static final int FILTER_PRIORITY = 4;
    private static final Logger LOG = Logger.getLogger(HttpLayerProblems.class);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    @ConfigProperty(name = "rapport.http.large-body-paths")
    Optional<List<String>> largeBodyPaths;

    @ConfigProperty(name = "rapport.http.large-body-limit", defaultValue = "256M")
    MemorySize largeBodyLimit;

    @ConfigProperty(name = "rapport.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @ConfigProperty(name = "rapport.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    void filters(@Observes Filters filters) {
        filters.register(this::limits, FILTER_PRIORITY);
    }

    void failures(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    /** The body limit for {@code path}: the large one on the large-body paths. */
    public long bodyLimit(String path) {
        if (largeBodyPaths.isPresent() && path != null) {
            for (String prefix : largeBodyPaths.get()) {
                if (path.startsWith(prefix)) {
                    return largeBodyLimit.asLongValue();
                }
            }
        }
        return maxBodySize.asLongValue();
    }

    void limits(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            refuse(rc, 414, "The request URI is longer than " + maxUriLength + " characters");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : rc.request().headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderSize.asLongValue()) {
            refuse(rc, 431, "The request headers are larger than " + maxHeaderSize.asLongValue() + " bytes");
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long limit = bodyLimit(rc.request().path());
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(rc, 400, "Content-Length is not a number");
                return;
            }
            if (declared > limit) {
                refuse(rc, 413, "The request body is larger than the limit of " + limit + " bytes");
                return;
            }
        }
        rc.next();
    }

    /** Answers and closes the connection: the body the client may still send is not read. */
    private static void refuse(RoutingContext rc, int status, String detail) {
        rc.response().putHeader("Connection", "close");
        rc.response().endHandler(v -> rc.request().connection().close());
        HttpProblems.send(rc.response(), Problem.of(status, HttpProblems.title(status), detail), Map.of());
    }

    void failure(RoutingContext rc) {
        if (rc.response().headWritten() || rc.response().ended()) {
            rc.next();
            return;
        }
        Throwable f = rc.failure();
        if (f instanceof AuthenticationFailedException || f instanceof UnauthorizedException) {
            HttpProblems.send(rc.response(), Problem.of(401, "Unauthorized", "A valid bearer token is required"),
                    Map.of("WWW-Authenticate", "Bearer"));
            return;
        }
        if (f instanceof ForbiddenException) {
            HttpProblems.send(rc.response(), Problem.of(403, "Forbidden", "Your roles do not allow this"), Map.of());
            return;
        }
        int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
        if (status >= 500) {
            String id = UUID.randomUUID().toString();
            LOG.errorf(f, "unexpected failure %s", id);
            HttpProblems.send(rc.response(), Problem.of(status, HttpProblems.title(status),
                    "Something went wrong on our side; quote " + id + " when reporting it"), Map.of());
            return;
        }
        String detail = switch (status) {
            case 400 -> "The request is malformed";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 413 -> "The request body is too large";
            default -> HttpProblems.title(status);
        };
        HttpProblems.send(rc.response(), Problem.of(status, HttpProblems.title(status), detail), Map.of());
    }
}
