package app.rapport.gateway.rest;

import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP layer refuses before any resource sees the request is problem+json too: a body
 * over the limit (413), an over-long URI (414), over-large headers (431). Raw sockets, so the
 * client sends exactly the bytes of the case (and no body at all behind a large Content-Length).
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class HttpLayerProblemsTest {
    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void reset() {
        StandIns.resetAll();
    }

    record Answer(int status, String head, JsonNode body) {
    }

    private Answer send(String requestHead) throws IOException {
        try (Socket s = new Socket(root.getHost(), root.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
                String text = got.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0) {
                    String head = text.substring(0, end);
                    int length = contentLength(head);
                    if (length >= 0 && text.length() >= end + 4 + length) {
                        break;
                    }
                }
            }
            String text = got.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.split(" ")[1]);
            String body = text.substring(end + 4);
            return new Answer(status, head, body.isBlank() ? null : new ObjectMapper().readTree(body));
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    private static void assertProblem(Answer a, int status) {
        assertEquals(status, a.status(), a.head());
        assertTrue(a.head().toLowerCase().contains("content-type: application/problem+json"), a.head());
        assertEquals(status, a.body().get("status").asInt());
        assertTrue(a.body().hasNonNull("detail"));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJson() throws IOException {
        Answer a = send("POST /api/dev/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20000000\r\n\r\n");
        assertProblem(a, 413);
    }

    @Test
    void aCsvImportMayBeLargeButNotLargerThanTheServiceAccepts() throws IOException {
        Answer a = send("POST /api/advocates/imports HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                + "Authorization: " + TestTokens.bearer("u-pm", "programme-manager") + "\r\n"
                + "Content-Length: 300000000\r\n\r\n");
        assertProblem(a, 413);
        assertTrue(StandIns.ADVOCATE.apiRequests().isEmpty(), "nothing was forwarded");
    }

    @Test
    void overLargeHeadersAre431ProblemJson() throws IOException {
        Answer a = send("GET /api/policy HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(30_000)
                + "\r\n\r\n");
        assertProblem(a, 431);
    }

    @Test
    void anOverLongUriIs414ProblemJson() throws IOException {
        Answer a = send("GET /api/advocates?q=" + "a".repeat(6_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertProblem(a, 414);
    }

    @Test
    void anUnknownApiPathIs404ProblemJsonForAnAuthenticatedCaller() throws IOException {
        Answer a = send("GET /api/nothing-here HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + TestTokens.bearer("u-1", "requester") + "\r\nConnection: close\r\n\r\n");
        assertProblem(a, 404);
    }
}
