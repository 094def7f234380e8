package app.rapport.advocate.config;

import app.rapport.web.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * The HTTP body limit is raised for CSV imports (which are streamed to disk); every other request
 * body is JSON read into memory, so it keeps a small limit of its own: 413 above
 * {@code rapport.api.max-json-bytes} (1 MiB).
 */
public class RequestBodyLimit {
    static final String IMPORTS = "/api/advocates/imports";

    @ConfigProperty(name = "rapport.api.max-json-bytes", defaultValue = "1048576")
    long maxJsonBytes;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path != null && path.startsWith(IMPORTS)) {
            return Optional.empty();
        }
        if (request.getLength() > maxJsonBytes) {
            return Optional.of(Problem.of(413, "Content Too Large", "The request body is larger than "
                    + maxJsonBytes + " bytes").toResponse());
        }
        return Optional.empty();
    }
}
