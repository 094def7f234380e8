package app.rapport.tokens;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one signer of Rapport's bearer tokens: the launcher ({@code ./rapport token}, the demo
 * seeding), the gateway's dev-token endpoint and the test harness all sign here. RS256 (jose4j),
 * header {@code kid} {@value #KEY_ID}, claims {@code iss}, {@code sub}, {@code upn} (= sub),
 * {@code groups} (the roles, in order, without repeats), {@code iat}, {@code exp} and a random
 * {@code jti}: what the services' smallrye-jwt verification accepts. Plain Java, no Quarkus.
 */
public final class TokenSigner {
    /** The issuer of the local stack and of the tests; the services are told to trust it. */
    public static final String LOCAL_ISSUER = "https://rapport.local/issuer";
    public static final String KEY_ID = "rapport-local";
    /** How long a local-stack token lives. */
    public static final Duration LOCAL_LIFETIME = Duration.ofHours(8);
    /** The subjects a local token may name: nothing that needs escaping anywhere. */
    public static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:+-]+");

    private TokenSigner() {
    }

    /** A token issued now, valid for {@code lifetime}. */
    public static String sign(PrivateKey key, String issuer, String subject, Collection<String> groups, Duration lifetime) {
        Instant now = Instant.now();
        return sign(key, issuer, subject, groups, now, now.plus(lifetime));
    }

    public static String sign(PrivateKey key, String issuer, String subject, Collection<String> groups,
                              Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        List<String> roles = new ArrayList<>(new LinkedHashSet<>(groups));
        claims.setStringListClaim("groups", roles);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKeyIdHeaderValue(KEY_ID);
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalArgumentException("cannot sign a token with this key: " + e.getMessage(), e);
        }
    }
}
