package app.rapport.gateway.security;

import app.rapport.gateway.rest.GatewayProblem;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * Signs local-stack tokens (RS256) with the private key the local stack generated
 * ({@code rapport.auth.signing-key-location}, PEM PKCS#8, {@code file:} or {@code classpath:}).
 * Only used when {@code rapport.auth.dev-tokens=true}.
 */
@ApplicationScoped
public class DevTokenSigner {
    @ConfigProperty(name = "rapport.auth.signing-key-location", defaultValue = "file:.rapport/keys/private.pem")
    String keyLocation;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "rapport.auth.dev-token-lifetime", defaultValue = "8h")
    Duration lifetime;

    private volatile PrivateKey key;

    public String sign(String sub, Collection<String> groups) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer)
                .subject(sub)
                .upn(sub)
                .groups(new LinkedHashSet<>(groups))
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .jws().keyId("rapport-local")
                .sign(key());
    }

    private PrivateKey key() {
        PrivateKey k = key;
        if (k == null) {
            try {
                k = parse(read(keyLocation));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw GatewayProblem.unavailable("Dev tokens are enabled but the signing key at " + keyLocation
                        + " cannot be read; start the local stack (./rapport) to generate it", 30);
            }
            key = k;
        }
        return k;
    }

    private static String read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no classpath resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    }

    static PrivateKey parse(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
