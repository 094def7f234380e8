package app.rapport.gateway.ops;

import app.rapport.gateway.security.RateLimiter;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/ops/ping} → 204, answered by the gateway itself once the token is verified (any
 * role) and the rate limit taken: the gateway's own cost without a hop to a service, the baseline of
 * the benchmarks.
 */
@Path("/api/ops/ping")
@Authenticated
public class PingResource {
    @Inject
    RateLimiter rateLimiter;

    @Inject
    JsonWebToken jwt;

    @GET
    @Operation(summary = "No-op: 204 once the token is verified (the gateway's own cost, for benchmarks)")
    @APIResponse(responseCode = "204", description = "The token is valid")
    public void ping() {
        rateLimiter.check(jwt.getSubject());
    }
}
