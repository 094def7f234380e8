package app.rapport.gateway.rest;

import app.rapport.gateway.proxy.ServiceUnavailable;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders the gateway's own problems; everything else is rendered by the shared ProblemMappers. */
public class GatewayProblemMapper {

    @ServerExceptionMapper
    public Response gateway(GatewayProblem e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailable e) {
        return GatewayProblem.unavailable(e.getMessage() + "; try again shortly", e.retryAfterSeconds()).toResponse();
    }
}
