package app.rapport.advocate.rest;

import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Leave;
import app.rapport.advocate.repository.AdvocateRepository;
import app.rapport.advocate.service.AdvocateQuery;
import app.rapport.advocate.service.AdvocateService;
import app.rapport.web.ApiException;
import app.rapport.web.PageRequest;
import app.rapport.web.PageResponse;
import app.rapport.web.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Advocates (docs/api-advocates.md). Programme-managers and admins write; every authenticated role reads.
 * GET, PATCH and PUT answer with {@code ETag: "<version>"}; every change accepts {@code If-Match}.
 */
@Path("/api/advocates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "advocates")
public class AdvocateResource {
    public static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String IF_MATCH = "If-Match";

    @Inject
    AdvocateService service;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Register an advocate")
    public Response create(CreateAdvocateRequest body) {
        if (body == null) {
            throw new DomainException("body", "must be a JSON object");
        }
        var advocate = service.create(body.toProfile(), body.ownerId(), caller.sub());
        return Response.created(location(advocate.id())).tag(etag(advocate.version()))
                .entity(caller.view(advocate)).build();
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One advocate; email and phone only for its owner, programme-managers and admins")
    public Response get(@PathParam("id") String id) {
        var advocate = service.get(id);
        return Response.ok(caller.view(advocate)).tag(etag(advocate.version())).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "Search advocates by text (name, title, account name), account, owner, tag, activity, status")
    public PageResponse<AdvocateResponse> search(@QueryParam("q") String q, @QueryParam("accountId") String accountId,
            @QueryParam("ownerId") String ownerId, @QueryParam("tag") String tag,
            @QueryParam("activity") String activity, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        AdvocateRepository.Page result = service.search(new AdvocateQuery(q, accountId, ownerId, tag, activity, status),
                paging);
        return new PageResponse<>(result.items().stream().map(caller::view).toList(), paging.page(), paging.size(),
                result.total());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Change the profile with a JSON merge patch (RFC 7396)")
    public Response patch(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, InputStream body)
            throws IOException {
        JsonNode patch = mapper.readTree(body);
        var change = AdvocateMergePatch.parse(patch);
        var result = service.updateProfile(id, IfMatch.parse(ifMatch), change, caller.sub());
        return ok(result);
    }

    @PUT
    @Path("{id}/owner")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Hand the advocate to another relationship owner")
    public Response owner(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, OwnerRequest body) {
        if (body == null) {
            throw new DomainException("ownerId", "must not be blank");
        }
        return ok(service.changeOwner(id, IfMatch.parse(ifMatch), body.ownerId(), caller.sub()));
    }

    @PUT
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Set the status: ACTIVE, PAUSED or RETIRED")
    public Response status(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, StatusRequest body) {
        return ok(service.changeStatus(id, IfMatch.parse(ifMatch), body == null ? null : body.status(), caller.sub()));
    }

    @POST
    @Path("{id}/leaves")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Schedule a leave (dates inclusive; leaves may not overlap)")
    public Response addLeave(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, LeaveRequest body) {
        LeaveRequest b = body == null ? new LeaveRequest(null, null, null) : body;
        Leave leave = new Leave(AdvocateService.newLeaveId(), b.from(), b.to(), b.reason());
        var result = service.scheduleLeave(id, IfMatch.parse(ifMatch), leave, caller.sub());
        Leave stored = result.advocate().leaves().stream().filter(l -> l.id().equals(leave.id())).findFirst()
                .orElseThrow();
        return Response.created(UriBuilder.fromPath("/api/advocates/{id}/leaves/{leaveId}").build(id, stored.id()))
                .tag(etag(result.advocate().version())).entity(LeaveResponse.of(stored)).build();
    }

    @DELETE
    @Path("{id}/leaves/{leaveId}")
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Cancel a leave")
    public Response cancelLeave(@PathParam("id") String id, @PathParam("leaveId") String leaveId,
            @HeaderParam(IF_MATCH) String ifMatch) {
        var result = service.cancelLeave(id, IfMatch.parse(ifMatch), leaveId, caller.sub());
        return Response.noContent().tag(etag(result.advocate().version())).build();
    }

    @POST
    @Path("{id}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Re-confirm opt-ins the owner confirmed with the advocate in person today "
            + "(the advocate's owner, programme-managers, admins)")
    public Response reconfirmConsents(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
            ConsentsRequest body) {
        var advocate = service.get(id);
        if (!caller.maySeeContact(advocate)) { // the advocate's own owner, or a programme-manager or admin
            throw ApiException.forbidden("Only the advocate's owner, a programme-manager or an admin re-confirms "
                    + "their opt-ins");
        }
        return ok(service.reconfirmConsents(advocate, IfMatch.parse(ifMatch), body == null ? null : body.activities(),
                caller.sub()));
    }

    @PUT
    @Path("{id}/busy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Mark the advocate busy until a date (inclusive)")
    public Response setBusy(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, BusyRequest body) {
        BusyRequest b = body == null ? new BusyRequest(null, null) : body;
        return ok(service.setBusy(id, IfMatch.parse(ifMatch), b.until(), b.note(), caller.sub()));
    }

    @DELETE
    @Path("{id}/busy")
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Clear busy")
    public Response clearBusy(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch) {
        var result = service.clearBusy(id, IfMatch.parse(ifMatch), caller.sub());
        return Response.noContent().tag(etag(result.advocate().version())).build();
    }

    private Response ok(AdvocateService.Result result) {
        return Response.ok(caller.view(result.advocate())).tag(etag(result.advocate().version())).build();
    }

    private static jakarta.ws.rs.core.EntityTag etag(long version) {
        return new jakarta.ws.rs.core.EntityTag(Long.toString(version));
    }

    private static URI location(String id) {
        return UriBuilder.fromPath("/api/advocates/{id}").build(id);
    }
}
