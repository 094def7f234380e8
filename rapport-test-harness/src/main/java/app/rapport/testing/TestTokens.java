package app.rapport.testing;

import app.rapport.tokens.Pem;
import app.rapport.tokens.TokenSigner;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Signs bearer tokens with the local stack's own signer ({@link TokenSigner}): RS256, issuer
 * {@value #ISSUER}, {@code sub} the user and {@code groups} the roles. The key pair is made once
 * per JVM; services under test trust its public half through {@link RapportTestResource}.
 */
public final class TestTokens {
    public static final String ISSUER = TokenSigner.LOCAL_ISSUER;

    private static final KeyPair KEYS = Pem.generateRsa();
    private static final KeyPair STRANGER = Pem.generateRsa();

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
        return Pem.publicKeyPem(KEYS.getPublic());
    }

    public static PrivateKey privateKey() {
        return KEYS.getPrivate();
    }

    private static String sign(PrivateKey key, String sub, Instant expiresAt, String... roles) {
        Instant issuedAt = expiresAt.isBefore(Instant.now()) ? expiresAt.minus(Duration.ofHours(1)) : Instant.now();
        return TokenSigner.sign(key, ISSUER, sub, List.of(roles), issuedAt, expiresAt);
    }

    private TestTokens() {
    }
}
