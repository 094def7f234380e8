package app.rapport.touchpoint.rest;

import app.rapport.touchpoint.service.RelationshipService;
import app.rapport.touchpoint.service.TouchpointService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** An advocate's timeline and relationship health. */
@Path("/api/advocates/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AdvocateRelationshipResource {
    @Inject
    TouchpointService touchpoints;

    @Inject
    RelationshipService relationships;

    /**
     * Newest first (occurredAt, then id). {@code before}: the {@code nextBefore} of the previous
     * page (opaque) or an ISO-8601 instant; {@code limit}: 1..200, default 50.
     */
    @GET
    @Path("timeline")
    public TimelineView timeline(@PathParam("id") String advocateId, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        TouchpointService.TimelinePage page = touchpoints.timeline(advocateId, before, limit);
        return new TimelineView(page.items().stream().map(TouchpointView::of).toList(), page.nextBefore());
    }

    @GET
    @Path("relationship")
    public RelationshipView relationship(@PathParam("id") String advocateId) {
        return RelationshipView.of(advocateId, relationships.health(advocateId));
    }
}
