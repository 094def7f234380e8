package app.rapport.ask.rest;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.mapping.AskMapping;
import app.rapport.ask.rest.AskResponses.AskResponse;
import app.rapport.ask.service.AskService;
import app.rapport.ask.service.BriefService;
import app.rapport.ask.service.Caller;
import app.rapport.web.ApiException;
import app.rapport.web.PageRequest;
import app.rapport.web.PageResponse;
import app.rapport.web.Roles;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The life of an ask (docs/api-asks.md). */
@Path("/api/asks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AskResource {
    @Inject
    AskService asks;

    @Inject
    BriefService briefs;

    @Inject
    Collections collections;

    @Inject
    JsonWebToken jwt;

    private Caller caller() {
        return new Caller(jwt.getSubject(), jwt.getGroups() == null ? java.util.Set.of() : new HashSet<>(jwt.getGroups()));
    }

    private AskResponse withBrief(Document d) {
        return AskMapping.toResponse(d, briefs.brief(d));
    }

    /** The brief from what the gate just read: the view and the account's situation are not read again. */
    private AskResponse withBrief(AskService.Written w) {
        return AskMapping.toResponse(w.ask(), briefs.brief(w.ask(), w.view(), w.account()));
    }

    @POST
    @RolesAllowed({Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    public Response create(@Valid @NotNull AskRequests.CreateAsk body) {
        AskRequests.Context c = body.context();
        AskService.Written w = asks.create(new AskService.NewAsk(body.advocateId().trim(), body.activity().name(),
                body.dueBy(), c.opportunity(), c.need(), c.notes()), caller());
        return Response.created(URI.create("/api/asks/" + w.ask().getString("_id"))).entity(withBrief(w)).build();
    }

    @GET
    @Authenticated
    public PageResponse<AskResponse> list(@QueryParam("status") String status, @QueryParam("advocateId") String advocateId,
            @QueryParam("requesterId") String requesterId, @QueryParam("ownerId") String ownerId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest p = PageRequest.of(page, size);
        List<Bson> f = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            try {
                f.add(Filters.eq("status", AskStatus.valueOf(status.trim()).name()));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("status", "must be one of " + java.util.Arrays.toString(AskStatus.values()));
            }
        }
        // each filter is served by an index: (who, status, createdAt) or (who, createdAt), so at most one "who"
        List<String> who = new ArrayList<>();
        addWho(f, who, "advocateId", advocateId);
        addWho(f, who, "requesterId", requesterId);
        addWho(f, who, "ownerId", ownerId);
        if (who.size() > 1) {
            throw ApiException.badRequest("Filter by at most one of advocateId, requesterId and ownerId (with status "
                    + "if you like); got " + String.join(", ", who),
                    who.stream().map(w -> new app.rapport.web.FieldError(w, "only one of advocateId, requesterId, "
                            + "ownerId")).toList());
        }
        if (f.isEmpty()) {
            // everything created up to now, walked in the createdAt index
            f.add(Filters.lte("createdAt", new java.util.Date()));
        }
        return page(Filters.and(f), Sorts.descending("createdAt"), p, false);
    }

    private static void addWho(List<Bson> f, List<String> who, String field, String value) {
        if (value != null && !value.isBlank()) {
            f.add(Filters.eq(field, value.trim()));
            who.add(field);
        }
    }

    private PageResponse<AskResponse> page(Bson filter, Bson sort, PageRequest p, boolean brief) {
        long total = collections.asks().countDocuments(filter);
        List<AskResponse> items = new ArrayList<>();
        for (Document d : collections.asks().find(filter).projection(Projections.exclude("outbox")).sort(sort)
                .skip(p.offset()).limit(p.size())) {
            items.add(brief ? withBrief(d) : AskMapping.toResponse(d, null));
        }
        return new PageResponse<>(items, p.page(), p.size(), total);
    }

    /** The caller's asks awaiting them, oldest first (index ownerId, status, awaitingSince), each with its brief. */
    @GET
    @Path("inbox")
    @Authenticated
    public PageResponse<AskResponse> inbox(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest p = PageRequest.of(page, size);
        Bson filter = Filters.and(Filters.eq("ownerId", jwt.getSubject()),
                Filters.eq("status", AskStatus.AWAITING_OWNER.name()));
        return page(filter, Sorts.ascending("awaitingSince"), p, true);
    }

    @GET
    @Path("{id}")
    @Authenticated
    public AskResponse get(@PathParam("id") String id) {
        return withBrief(asks.get(id));
    }

    @POST
    @Path("{id}/send")
    @Authenticated
    public AskResponse send(@PathParam("id") String id, @Valid @NotNull AskRequests.Send body) {
        return withBrief(asks.send(id, body.channel().name(), body.note(), caller()));
    }

    @POST
    @Path("{id}/decline")
    @Authenticated
    public AskResponse decline(@PathParam("id") String id, @Valid @NotNull AskRequests.Decline body) {
        return withBrief(asks.decline(id, body.reason().trim(), caller()));
    }

    @POST
    @Path("{id}/override")
    @Authenticated
    public AskResponse override(@PathParam("id") String id, @Valid @NotNull AskRequests.Override body) {
        return withBrief(asks.override(id, body.reason().trim(), caller()));
    }

    @POST
    @Path("{id}/response")
    @Authenticated
    public AskResponse respond(@PathParam("id") String id, @Valid @NotNull AskRequests.Respond body) {
        return withBrief(asks.respond(id, body.accepted(), body.note(), caller()));
    }

    @POST
    @Path("{id}/complete")
    @Authenticated
    public AskResponse complete(@PathParam("id") String id, @Valid AskRequests.Complete body) {
        return withBrief(asks.complete(id, body == null ? null : body.note(), caller()));
    }

    /**
     * The requester (or the advocate's owner, or a programme manager) records how the opportunity a
     * COMPLETED ask served ended, or corrects it; 409 for an ask in any other state.
     */
    @POST
    @Path("{id}/outcome")
    @Authenticated
    public AskResponse outcome(@PathParam("id") String id, @Valid @NotNull AskRequests.RecordOutcome body) {
        String story = body.story() == null || body.story().isBlank() ? null : body.story().strip();
        return withBrief(asks.recordOutcome(id, new AskService.NewOutcome(body.result(), body.amount(),
                body.currency(), body.closedOn(), story), caller()));
    }

    @POST
    @Path("{id}/cancel")
    @Authenticated
    public AskResponse cancel(@PathParam("id") String id, @Valid AskRequests.Cancel body) {
        return withBrief(asks.cancel(id, body == null ? null : body.reason(), caller()));
    }
}
