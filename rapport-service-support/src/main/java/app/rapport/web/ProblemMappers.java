package app.rapport.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every failure becomes an RFC 9457 {@code application/problem+json} answer. Malformed input is a
 * 4xx naming the field; nothing internal (stack traces, class names) leaks; a 500 is logged with an
 * id the caller can quote.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return Problem.of(Response.Status.BAD_REQUEST, "The request is invalid: " + errors.size()
                + (errors.size() == 1 ? " field is" : " fields are") + " wrong").errors(errors).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = path(e);
        return Problem.of(Response.Status.BAD_REQUEST, "Unknown field '" + field + "'")
                .errors(List.of(new FieldError(field, "is not a known field"))).toResponse();
    }

    @ServerExceptionMapper
    public Response badValue(InvalidFormatException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return Problem.of(Response.Status.BAD_REQUEST, "Field '" + field + "' has an invalid value")
                .errors(List.of(new FieldError(field, "must be " + expected))).toResponse();
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return Problem.of(Response.Status.BAD_REQUEST, "The request body is missing or not the expected JSON object")
                    .toResponse();
        }
        return Problem.of(Response.Status.BAD_REQUEST, "Field '" + field + "' has the wrong type")
                .errors(List.of(new FieldError(field, "has the wrong type"))).toResponse();
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        String field = path(e);
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? "is invalid" : firstLine(cause.getMessage());
        if (field.isEmpty()) {
            return Problem.of(Response.Status.BAD_REQUEST, "The request body is invalid: " + message).toResponse();
        }
        return Problem.of(Response.Status.BAD_REQUEST, "Field '" + field + "' is invalid")
                .errors(List.of(new FieldError(field, message))).toResponse();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "The request body is not valid JSON: "
                + firstLine(e.getOriginalMessage())).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "Your roles do not allow this").toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // the JSON reader wraps parse and binding errors in a plain 400: name the field instead
        if (e.getCause() instanceof UnrecognizedPropertyException u) {
            return unknownField(u);
        }
        if (e.getCause() instanceof InvalidFormatException i) {
            return badValue(i);
        }
        if (e.getCause() instanceof MismatchedInputException m) {
            return mismatched(m);
        }
        if (e.getCause() instanceof JsonMappingException j) {
            return mapping(j);
        }
        if (e.getCause() instanceof JsonProcessingException j) {
            return malformed(j);
        }
        Response r = e.getResponse();
        int status = r == null ? 500 : r.getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.StatusType type = r == null ? Response.Status.INTERNAL_SERVER_ERROR : r.getStatusInfo();
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "The requested media type cannot be produced";
            case 415 -> "Unsupported content type" + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
            default -> e.getMessage() == null ? type.getReasonPhrase() : firstLine(e.getMessage());
        };
        Response.ResponseBuilder b = Problem.of(status, type.getReasonPhrase(), detail).toResponseBuilder();
        if (r != null) {
            r.getHeaders().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                    v.forEach(x -> b.header(k, x));
                }
            });
        }
        return b.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e) {
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s", id);
        return Problem.of(500, "Internal Server Error", "Something went wrong on our side; quote " + id
                + " when reporting it").toResponse();
    }

    private static Response unauthorized() {
        return Problem.of(Response.Status.UNAUTHORIZED, "A valid bearer token is required").toResponseBuilder()
                .header("WWW-Authenticate", "Bearer").build();
    }

    private static String fieldOf(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node n : path) {
            // skip the method and parameter nodes of a resource-method call
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.PARAMETER
                    || n.getKind() == ElementKind.RETURN_VALUE || n.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (n.getName() == null) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(n.getName());
            if (n.getIndex() != null) {
                sb.append('[').append(n.getIndex()).append(']');
            }
        }
        if (sb.isEmpty()) {
            // a violation on a parameter itself (a query parameter, the body): use its name
            String last = null;
            for (Path.Node n : path) {
                last = n.getName();
            }
            return last == null ? "" : last;
        }
        return sb.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return sb.toString();
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Instant" -> "an ISO-8601 instant (e.g. 2026-11-24T10:00:00Z)";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            default -> "a " + type.getSimpleName();
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        String line = i < 0 ? s : s.substring(0, i);
        // Jackson appends source locations that mention internal class names; keep the human part
        int at = line.indexOf(" at [Source");
        return at < 0 ? line : line.substring(0, at);
    }
}
