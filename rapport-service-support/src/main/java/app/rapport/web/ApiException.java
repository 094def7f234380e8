package app.rapport.web;

import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Thrown by resources and services to answer with a problem. Rendered by {@link ProblemMappers}.
 * Factories cover the statuses the API uses.
 */
public class ApiException extends RuntimeException {
    private final transient Problem problem;
    private final transient Response.ResponseBuilder headers;

    public ApiException(Problem problem) {
        super(problem.detail);
        this.problem = problem;
        this.headers = null;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Problem.of(Response.Status.BAD_REQUEST, detail));
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(Problem.of(Response.Status.BAD_REQUEST, detail).errors(errors));
    }

    public static ApiException invalidField(String field, String message) {
        return badRequest("The request is invalid: " + field + " " + message,
                List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.of(Response.Status.FORBIDDEN, detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problem.of(Response.Status.CONFLICT, detail));
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(Problem.of(Response.Status.PRECONDITION_FAILED, detail));
    }

    public static ApiException unprocessable(String detail) {
        return new ApiException(Problem.of(422, "Unprocessable Content", detail));
    }
}
