package app.rapport.localstack;

import app.rapport.tokens.Pem;
import app.rapport.tokens.TokenSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared signer (rapport-service-support) as the launcher uses it, checked with the JDK's RS256. */
class TokenSignerTest {

    @Test
    void theClaimsTheServicesAccept() throws Exception {
        KeyPair keys = Pem.generateRsa();
        Instant iat = Instant.parse("2026-01-01T00:00:00Z");
        String token = TokenSigner.sign(keys.getPrivate(), TokenSigner.LOCAL_ISSUER, "u-1",
                List.of("owner", "analyst", "owner"), iat, iat.plusSeconds(3600));
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(Pem.publicKeyOf(Pem.parsePrivateKey(Pem.privateKeyPem(keys.getPrivate()))));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));

        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("rapport-local", header.get("kid").asText());
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("https://rapport.local/issuer", claims.get("iss").asText());
        assertEquals("u-1", claims.get("sub").asText());
        assertEquals("u-1", claims.get("upn").asText());
        assertEquals("[\"owner\",\"analyst\"]", claims.get("groups").toString(), "in order, without repeats");
        assertEquals(iat.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(iat.getEpochSecond() + 3600, claims.get("exp").asLong());
        assertTrue(claims.hasNonNull("jti"));
    }
}
