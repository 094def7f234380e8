package app.rapport.gateway.security;

import app.rapport.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The local-stack setting: dev tokens on, signed with a PEM key file (the test key pair's private
 * half, which the gateway under test trusts), and a tight rate limit of 5 requests a minute.
 */
public class DevTokensProfile implements QuarkusTestProfile {
    public static final int RATE = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-keys"));
            Path pem = dir.resolve("private.pem");
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestTokens.privateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return Map.of(
                    "rapport.auth.dev-tokens", "true",
                    "rapport.auth.signing-key-location", "file:" + pem.toAbsolutePath(),
                    "rapport.rate-limit.requests-per-minute", String.valueOf(RATE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
