package app.rapport.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Writes a {@link Problem} straight onto a Vert.x response, for the answers given below JAX-RS
 * (the HTTP layer's limits, the gateway's proxy). Same body as {@link Problem#toResponse()}.
 */
public final class HttpProblems {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void send(RoutingContext rc, Problem problem) {
        send(rc.response(), problem, Map.of());
    }

    public static void send(HttpServerResponse response, Problem problem, Map<String, String> headers) {
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status + "}";
        }
        response.setStatusCode(problem.status);
        headers.forEach(response::putHeader);
        response.putHeader("Content-Type", Problem.MEDIA_TYPE);
        response.end(body);
    }

    /** The title of a status code, for problems the HTTP layer answers. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    private HttpProblems() {
    }
}
