package app.rapport.gateway.rest;

import app.rapport.web.Problem;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** A problem the gateway answers itself, with extra headers (Retry-After). */
public class GatewayProblem extends RuntimeException {
    private final transient Problem problem;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GatewayProblem(Problem problem) {
        super(problem.detail);
        this.problem = problem;
    }

    public GatewayProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static GatewayProblem tooManyRequests(long retryAfterSeconds) {
        return new GatewayProblem(Problem.of(429, "Too Many Requests",
                "You are sending requests faster than allowed; try again in " + retryAfterSeconds + " s"))
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public static GatewayProblem unavailable(String detail, long retryAfterSeconds) {
        return new GatewayProblem(Problem.of(Response.Status.SERVICE_UNAVAILABLE, detail)
                .with("retryAfterSeconds", retryAfterSeconds))
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public Response toResponse() {
        Response.ResponseBuilder b = problem.toResponseBuilder();
        headers.forEach(b::header);
        return b.build();
    }
}
