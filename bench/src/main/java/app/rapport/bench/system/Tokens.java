package app.rapport.bench.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bearer tokens signed the way {@code ./rapport token} signs them (RS256, issuer
 * {@value #ISSUER}, {@code groups} the roles, 8 hours), with the stack's own PKCS#8 private key
 * ({@code .rapport/keys/private.pem}, or the packaged test stack's copy). The gateway limits each
 * {@code sub} to 600 requests a minute, so every role has a pool of subs and each request takes one
 * at random: the rate limit is not what the bench measures.
 */
public final class Tokens {
    public static final String ISSUER = "https://rapport.local/issuer";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String run;
    private final int poolSize;
    private final ConcurrentHashMap<String, List<String>> pools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> single = new ConcurrentHashMap<>();

    public Tokens(Path privateKeyPem, String run, int poolSize) throws Exception {
        String pem = Files.readString(privateKeyPem, StandardCharsets.US_ASCII);
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        this.run = run;
        this.poolSize = poolSize;
    }

    /** A token of a random sub of the role's pool ({@code bench-<run>-<role>-<n>}). */
    public String any(String role) {
        List<String> pool = pools.computeIfAbsent(role, r -> {
            String[] t = new String[poolSize];
            for (int i = 0; i < poolSize; i++) {
                t[i] = sign("bench-" + run + "-" + r + "-" + i, r);
            }
            return List.of(t);
        });
        return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
    }

    /** A token for exactly this sub (an owner acting on their own advocates). */
    public String of(String sub, String role) {
        return single.computeIfAbsent(sub + "|" + role, k -> sign(sub, role));
    }

    public String sign(String sub, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder groups = new StringBuilder();
        for (String r : roles) {
            groups.append(groups.length() == 0 ? "" : ",").append('"').append(r).append('"');
        }
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"rapport-local\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + sub + "\",\"upn\":\"" + sub + "\",\"groups\":[" + groups
                + "],\"iat\":" + now + ",\"exp\":" + (now + 8 * 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a token: " + e, e);
        }
    }
}
