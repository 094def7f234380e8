package app.rapport.testing;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Signs bearer tokens the way the local stack does: RS256, issuer {@value #ISSUER}, {@code sub} the
 * user and {@code groups} the roles. The key pair is made once per JVM; services under test trust its
 * public half through {@link RapportTestResource}.
 */
public final class TestTokens {
    public static final String ISSUER = "https://rapport.local/issuer";

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER = generate();

    /** A valid one-hour token. */
    public static String token(String sub, String... roles) {
        return sign(KEYS.getPrivate(), sub, Instant.now().plus(Duration.ofHours(1)), roles);
    }

    /** A token that expired ten minutes ago. */
    public static String expired(String sub, String... roles) {
        return sign(KEYS.getPrivate(), sub, Instant.now().minus(Duration.ofMinutes(10)), roles);
    }

    /** A well-formed token signed by a key nobody trusts. */
    public static String forged(String sub, String... roles) {
        return sign(STRANGER.getPrivate(), sub, Instant.now().plus(Duration.ofHours(1)), roles);
    }

    public static String bearer(String sub, String... roles) {
        return "Bearer " + token(sub, roles);
    }

    /** The trusted public key as PEM, the form {@code mp.jwt.verify.publickey} takes. */
    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static PrivateKey privateKey() {
        return KEYS.getPrivate();
    }

    private static String sign(PrivateKey key, String sub, Instant expiresAt, String... roles) {
        Instant issuedAt = expiresAt.isBefore(Instant.now()) ? expiresAt.minus(Duration.ofHours(1)) : Instant.now();
        return Jwt.issuer(ISSUER)
                .subject(sub)
                .upn(sub)
                .groups(Set.of(roles))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws().keyId("rapport-test")
                .sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestTokens() {
    }
}
