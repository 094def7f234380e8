package app.rapport.touchpoint.rest;

import app.rapport.touchpoint.service.RelationshipService;
import app.rapport.web.PageRequest;
import app.rapport.web.PageResponse;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The owner's advocates who need a human hello, most urgent first. */
@Path("/api/relationships/attention")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AttentionResource {
    @Inject
    RelationshipService relationships;

    @Inject
    JsonWebToken jwt;

    @GET
    public PageResponse<AttentionItem> attention(@QueryParam("ownerId") String ownerId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        String owner = ownerId == null || ownerId.isBlank() ? jwt.getSubject() : ownerId.trim();
        PageResponse<RelationshipService.Attention> result = relationships.attention(owner, request);
        return new PageResponse<>(result.items().stream().map(AttentionItem::of).toList(), result.page(),
                result.size(), result.total());
    }
}
