package app.rapport.gateway.composite;

import app.rapport.gateway.config.DownstreamService;
import app.rapport.gateway.proxy.ServiceClient;
import app.rapport.gateway.proxy.ServiceUnavailable;
import app.rapport.gateway.proxy.Upstream;
import app.rapport.gateway.rest.GatewayProblem;
import app.rapport.gateway.rest.RequestTracing;
import app.rapport.gateway.security.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/advocates/{id}/360}: the advocate, their open and recent asks, the recent timeline
 * and the relationship health, fetched in parallel with the caller's own token (so each service
 * applies its own rules, e.g. hides email and phone). A part that fails is null and named in
 * {@code unavailable}; only the advocate itself is essential: its 404 (or 403) is the answer.
 */
@Path("/api/advocates/{id}/360")
@Authenticated
public class Advocate360Resource {
    static final Set<String> OPEN = Set.of("AWAITING_OWNER", "SENT", "ACCEPTED");
    static final int RECENT_ASKS = 10;
    static final int TIMELINE = 20;

    @Inject
    ServiceClient client;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    JsonWebToken jwt;

    @Inject
    ObjectMapper mapper;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The advocate 360: advocate, open and recent asks, timeline and relationship in one call")
    public CompletionStage<Response> view(@PathParam("id") String id, @Context RoutingContext rc) {
        rateLimiter.check(jwt.getSubject());
        String authorization = rc.request().getHeader("Authorization");
        String requestId = RequestTracing.requestId(rc);
        String enc = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Accept", "application/json")
                .add(RequestTracing.REQUEST_ID, requestId);
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }

        CompletableFuture<Part> advocate = fetch(DownstreamService.ADVOCATE, "/api/advocates/" + enc, headers);
        CompletableFuture<Part> asks = fetch(DownstreamService.ASK, "/api/asks?advocateId=" + enc + "&size=200",
                headers);
        CompletableFuture<Part> timeline = fetch(DownstreamService.TOUCHPOINT,
                "/api/advocates/" + enc + "/timeline?limit=" + TIMELINE, headers);
        CompletableFuture<Part> relationship = fetch(DownstreamService.TOUCHPOINT,
                "/api/advocates/" + enc + "/relationship", headers);

        return CompletableFuture.allOf(advocate, asks, timeline, relationship).thenApply(v -> {
            Part a = advocate.join();
            if (a.failure != null) {
                return GatewayProblem.unavailable(a.failure.getMessage() + "; the advocate cannot be shown",
                        a.failure.retryAfterSeconds()).toResponse();
            }
            if (!a.upstream.ok()) {
                return passThrough(a.upstream); // 404, 403, 401 of the advocate itself
            }
            ObjectNode out = mapper.createObjectNode();
            List<String> unavailable = new ArrayList<>();
            out.set("advocate", a.json(mapper));

            JsonNode askList = json(asks.join(), "asks", unavailable);
            if (askList == null) {
                out.putNull("openAsks");
                out.putNull("recentAsks");
            } else {
                List<JsonNode> items = new ArrayList<>();
                askList.path("items").forEach(items::add);
                items.sort(Comparator.comparing((JsonNode n) -> n.path("createdAt").asText("")).reversed());
                ArrayNode open = out.putArray("openAsks");
                ArrayNode recent = out.putArray("recentAsks");
                for (JsonNode n : items) {
                    if (OPEN.contains(n.path("status").asText())) {
                        open.add(n);
                    }
                    if (recent.size() < RECENT_ASKS) {
                        recent.add(n);
                    }
                }
            }
            JsonNode tl = json(timeline.join(), "timeline", unavailable);
            if (tl == null) {
                out.putNull("timeline");
            } else {
                out.set("timeline", tl.has("items") ? tl.get("items") : tl);
            }
            JsonNode rel = json(relationship.join(), "relationship", unavailable);
            out.set("relationship", rel);
            ArrayNode u = out.putArray("unavailable");
            unavailable.forEach(u::add);
            return Response.ok(out, MediaType.APPLICATION_JSON).build();
        });
    }

    private JsonNode json(Part part, String name, List<String> unavailable) {
        if (part.failure != null || !part.upstream.ok()) {
            unavailable.add(name);
            return null;
        }
        JsonNode n = part.json(mapper);
        if (n == null) {
            unavailable.add(name);
        }
        return n;
    }

    private CompletableFuture<Part> fetch(DownstreamService service, String path, MultiMap headers) {
        return client.get(service, path, headers)
                .map(up -> new Part(up, null))
                .otherwise(failure -> new Part(null, failure instanceof ServiceUnavailable su ? su
                        : new ServiceUnavailable(service, "failed", 5)))
                .toCompletionStage().toCompletableFuture();
    }

    /** The advocate's own refusal as the caller gets it: same status, problem body and its headers. */
    static Response passThrough(Upstream up) {
        Response.ResponseBuilder b = Response.status(up.status());
        for (String name : new String[] {"Content-Type", "ETag", "Retry-After", "Cache-Control", "WWW-Authenticate"}) {
            up.headers().getAll(name).forEach(v -> b.header(name, v));
        }
        byte[] body = up.bytes();
        if (body.length > 0) {
            b.entity(body);
        }
        return b.build();
    }

    record Part(Upstream upstream, ServiceUnavailable failure) {
        JsonNode json(ObjectMapper mapper) {
            try {
                byte[] body = upstream.bytes();
                return body.length == 0 ? null : mapper.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
