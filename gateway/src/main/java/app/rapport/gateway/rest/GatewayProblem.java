package app.rapport.gateway.rest;

import app.rapport.web.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** A problem the gateway answers itself, with extra headers (Retry-After). */
public class GatewayProblem extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    public static Problem tooManyRequestsProblem(long retryAfterSeconds) {
        return Problem.of(429, "Too Many Requests",
                "You are sending requests faster than allowed; try again in " + retryAfterSeconds + " s");
    }

    public static Problem unavailableProblem(String detail, long retryAfterSeconds) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, detail).with("retryAfterSeconds", retryAfterSeconds);
    }

    public static GatewayProblem tooManyRequests(long retryAfterSeconds) {
        return new GatewayProblem(tooManyRequestsProblem(retryAfterSeconds))
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public static GatewayProblem unavailable(String detail, long retryAfterSeconds) {
        return new GatewayProblem(unavailableProblem(detail, retryAfterSeconds))
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public static String json(Problem p) {
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + p.status + "}";
        }
    }

    public Response toResponse() {
        Response.ResponseBuilder b = problem.toResponseBuilder();
        headers.forEach(b::header);
        return b.build();
    }
}
