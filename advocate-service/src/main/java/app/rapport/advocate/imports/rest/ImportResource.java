package app.rapport.advocate.imports.rest;

import app.rapport.advocate.imports.service.ImportService;
import app.rapport.advocate.rest.Caller;
import app.rapport.web.ApiException;
import app.rapport.web.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** CSV imports of advocates: accepted at once, worked in the background, progress by polling. */
@Path("/api/advocates/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "advocate imports")
public class ImportResource {
    public static final String TEXT_CSV = "text/csv";

    @Inject
    ImportService imports;

    @Inject
    Caller caller;

    /** The 202 body: the job id (poll {@code Location} for progress). */
    public record Accepted(String id, String status) {
    }

    @POST
    @Consumes(TEXT_CSV)
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    @Operation(summary = "Import advocates from a CSV with a header row (upsert by externalId, else email)")
    public Response start(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        var job = imports.start(body, charset(contentType), caller.sub());
        return Response.accepted(new Accepted(job.id(), job.status().name()))
                .location(UriBuilder.fromPath("/api/advocates/imports/{id}").build(job.id())).build();
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "An import's progress: total, processed, created, updated, rejected rows")
    public ImportJobResponse get(@PathParam("id") String id) {
        return ImportJobResponse.of(imports.get(id));
    }

    private static Charset charset(String contentType) {
        String name = null;
        if (contentType != null) {
            try {
                name = MediaType.valueOf(contentType).getParameters().get("charset");
            } catch (IllegalArgumentException e) {
                name = null;
            }
        }
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("Content-Type", "names an unknown charset '" + name + "'");
        }
    }
}
