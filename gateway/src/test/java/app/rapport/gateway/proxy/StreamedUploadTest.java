package app.rapport.gateway.proxy;

import app.rapport.gateway.support.StandInService.Answer;
import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CSV import larger than any other body may be (32 MB, over the 10 MB default) passes through the
 * gateway to advocate-service byte for byte, sent without a Content-Length (chunked, as a browser
 * streaming a file may), and the service's 202 comes back. How much memory the gateway needs for
 * it is measured in docs/benchmarks.md, not asserted here.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class StreamedUploadTest {
    static final int SIZE = 32 * 1024 * 1024;

    @TestHTTPResource("/api/advocates/imports")
    URL imports;

    @Inject
    ServiceClient client;

    @BeforeEach
    void reset() {
        StandIns.resetAll();
        client.resetBreakers();
    }

    /** Deterministic CSV-like bytes, generated as they are read. */
    static InputStream csv() {
        return new InputStream() {
            int sent;

            @Override
            public int read() {
                if (sent >= SIZE) {
                    return -1;
                }
                int b = sent % 64 == 63 ? '\n' : 'a' + (sent * 31 % 26);
                sent++;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (sent >= SIZE) {
                    return -1;
                }
                int n = Math.min(len, SIZE - sent);
                for (int i = 0; i < n; i++) {
                    buf[off + i] = (byte) read();
                }
                return n;
            }
        };
    }

    @Test
    void aLargeImportStreamsThroughUnchanged() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = csv()) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        String expected = HexFormat.of().formatHex(sha.digest());
        StandIns.ADVOCATE.answer(r -> {
            try {
                String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
                return Answer.json(202, "{\"bytes\":" + r.body().length + ",\"sha256\":\"" + got + "\"}");
            } catch (Exception e) {
                return Answer.json(500, "{}");
            }
        });
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(imports.toURI())
                        .header("Authorization", TestTokens.bearer("u-pm", "programme-manager"))
                        .header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(StreamedUploadTest::csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"bytes\":" + SIZE), r.body());
        assertTrue(r.body().contains(expected), r.body());
        assertTrue(StandIns.ADVOCATE.apiRequests().get(0).header("Content-Type").startsWith("text/csv"));
    }
}
