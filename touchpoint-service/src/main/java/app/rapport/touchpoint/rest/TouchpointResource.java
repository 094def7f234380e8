package app.rapport.touchpoint.rest;

import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.touchpoint.service.TouchpointService;
import app.rapport.web.ApiException;
import app.rapport.web.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Recording a touchpoint by hand, and reading one. */
@Path("/api/touchpoints")
@Produces(MediaType.APPLICATION_JSON)
public class TouchpointResource {
    @Inject
    TouchpointService service;

    @Inject
    JsonWebToken jwt;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    public Response record(RecordTouchpointRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ApiException.badRequest("The request body is missing or not the expected JSON object");
        }
        Touchpoint t = service.record(request, jwt.getSubject());
        return Response.created(uri.getBaseUriBuilder().path("api/touchpoints").path(t.id()).build())
                .entity(TouchpointView.of(t)).build();
    }

    @GET
    @Path("{id}")
    @Authenticated
    public TouchpointView get(@PathParam("id") String id) {
        return TouchpointView.of(service.get(id));
    }
}
