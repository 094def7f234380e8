package app.rapport.advocate.rest;

import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.repository.DuplicateFieldException;
import app.rapport.web.FieldError;
import app.rapport.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Domain rule violations → 400 naming each field; duplicate externalId or email → 409 naming it. */
public class AdvocateExceptionMappers {

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        List<FieldError> errors = e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList();
        String detail = errors.size() == 1
                ? "The request is invalid: " + errors.get(0).field() + " " + errors.get(0).message()
                : "The request is invalid: " + errors.size() + " fields are wrong";
        return Problem.of(Response.Status.BAD_REQUEST, detail).errors(errors).toResponse();
    }

    @ServerExceptionMapper
    public Response duplicate(DuplicateFieldException e) {
        String field = e.field();
        return Problem.of(Response.Status.CONFLICT, "Another advocate already has this " + field)
                .errors(List.of(new FieldError(field, "is already used by another advocate")))
                .toResponse();
    }
}
