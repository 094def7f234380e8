package app.rapport.gateway.ops;

import app.rapport.gateway.security.RateLimiter;
import app.rapport.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/** The ops dashboard's data: analysts, programme managers and admins only. */
@Path("/api/ops")
@RolesAllowed({Roles.ANALYST, Roles.PROGRAMME_MANAGER, Roles.ADMIN})
public class OpsResource {
    @Inject
    OpsSummary summary;

    @Inject
    OpsStream stream;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    JsonWebToken jwt;

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every dashboard panel as JSON")
    public Map<String, Object> summary() {
        rateLimiter.check(jwt.getSubject());
        return summary.build();
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: a fresh summary (event 'summary') whenever the read model changes")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        rateLimiter.check(jwt.getSubject());
        stream.open(sink, sse);
    }
}
