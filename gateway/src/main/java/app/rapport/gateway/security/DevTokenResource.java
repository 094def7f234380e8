package app.rapport.gateway.security;

import app.rapport.gateway.rest.GatewayProblem;
import app.rapport.web.ApiException;
import app.rapport.web.FieldError;
import app.rapport.web.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import app.rapport.tokens.Pem;
import app.rapport.tokens.TokenSigner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/dev/tokens}: a signed token for any user and roles, for the local stack only
 * ({@code rapport.auth.dev-tokens=true}). Off, it answers 404 as if it did not exist.
 * {@code GET /api/dev/tokens/enabled} tells the dashboard whether to offer demo users.
 */
@Path("/api/dev/tokens")
@PermitAll
public class DevTokenResource {
    static final Set<String> ROLES = Set.of(Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ANALYST,
            Roles.ADMIN, Roles.INTEGRATION);

    @ConfigProperty(name = "rapport.auth.dev-tokens", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "rapport.auth.signing-key-location", defaultValue = "file:.rapport/keys/private.pem")
    String keyLocation;

    @ConfigProperty(name = "rapport.auth.dev-token-lifetime", defaultValue = "8h")
    Duration lifetime;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    public record TokenRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@:-]+", message = "must be letters, digits or . _ @ : -") String sub,
            @NotNull List<@NotNull String> groups) {
    }

    public record TokenResponse(String token) {
    }

    public record Enabled(boolean enabled) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a local-stack token (only with rapport.auth.dev-tokens=true)")
    public TokenResponse issue(String body) throws JsonProcessingException {
        if (!enabled) {
            throw ApiException.notFound("No such resource");
        }
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The request body is missing or not the expected JSON object");
        }
        TokenRequest request = mapper.readValue(body, TokenRequest.class);
        if (request == null) {
            throw ApiException.badRequest("The request body is missing or not the expected JSON object");
        }
        Set<ConstraintViolation<TokenRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.groups().size(); i++) {
            if (!ROLES.contains(request.groups().get(i))) {
                errors.add(new FieldError("groups[" + i + "]", "must be one of " + String.join(", ",
                        List.of(Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ANALYST, Roles.ADMIN,
                                Roles.INTEGRATION))));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Unknown role", errors);
        }
        return new TokenResponse(sign(request.sub(), request.groups()));
    }

    /** RS256 by the shared {@link TokenSigner}, with the key at {@code rapport.auth.signing-key-location}. */
    private String sign(String sub, List<String> groups) {
        PrivateKey key;
        try {
            key = signingKey();
        } catch (IOException | RuntimeException e) {
            throw GatewayProblem.unavailable("Dev tokens are enabled but the signing key at " + keyLocation
                    + " cannot be read; start the local stack (./rapport) to generate it", 30);
        }
        return TokenSigner.sign(key, issuer, sub, groups, lifetime);
    }

    /** {@code file:PATH}, {@code classpath:NAME} or a plain path. */
    private PrivateKey signingKey() throws IOException {
        if (keyLocation.startsWith("classpath:")) {
            String name = keyLocation.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no " + keyLocation);
                }
                return Pem.parsePrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        return Pem.readPrivateKey(java.nio.file.Path.of(keyLocation.startsWith("file:") ? keyLocation.substring(5) : keyLocation));
    }

    @GET
    @Path("enabled")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether dev tokens are offered (the dashboard's demo users)")
    public Enabled enabled() {
        return new Enabled(enabled);
    }
}
