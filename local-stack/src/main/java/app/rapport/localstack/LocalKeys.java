package app.rapport.localstack;

import app.rapport.tokens.Pem;
import app.rapport.tokens.TokenSigner;
import app.rapport.web.Roles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.List;

/**
 * The local stack's RSA key pair ({@code keys/private.pem}, PKCS#8, and {@code keys/public.pem},
 * which the services and docker-compose trust) and the tokens signed with it.
 */
final class LocalKeys {
    static final List<String> ROLES = List.of(Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ANALYST,
            Roles.ADMIN, Roles.INTEGRATION);

    private final Path dir;

    LocalKeys(Path dir) {
        this.dir = dir;
    }

    Path privateKey() {
        return dir.resolve("private.pem");
    }

    Path publicKey() {
        return dir.resolve("public.pem");
    }

    /** Creates whatever half is missing; true when a new pair was generated. */
    boolean ensure(Console console, String shownDir) {
        try {
            Files.createDirectories(dir);
            boolean generated = false;
            if (!Files.exists(privateKey())) {
                console.info("generating the local RSA key pair in " + shownDir);
                KeyPair pair = Pem.generateRsa();
                Path tmp = dir.resolve("private.pem.tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Pem.privateKeyPem(pair.getPrivate()), StandardCharsets.US_ASCII);
                Files.move(tmp, privateKey());
                Files.deleteIfExists(publicKey());
                generated = true;
            }
            if (!Files.exists(publicKey())) {
                PrivateKey key = Pem.readPrivateKey(privateKey());
                Files.writeString(publicKey(), Pem.publicKeyPem(Pem.publicKeyOf(key)), StandardCharsets.US_ASCII);
            }
            return generated;
        } catch (IOException | IllegalArgumentException e) {
            throw new LaunchFailure("could not create the key pair in " + dir + ": " + e.getMessage());
        }
    }

    /** {@code ./rapport token SUB ROLE...}: valid 8 hours. */
    String token(String sub, List<String> roles) {
        checkToken(sub, roles);
        if (!Files.exists(privateKey())) {
            throw new LaunchFailure("no key yet: run ./rapport up (or ./rapport keys) first");
        }
        try {
            return TokenSigner.sign(Pem.readPrivateKey(privateKey()), TokenSigner.LOCAL_ISSUER, sub, roles,
                    TokenSigner.LOCAL_LIFETIME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void checkToken(String sub, List<String> roles) {
        if (!TokenSigner.SUBJECT.matcher(sub).matches()) {
            throw new LaunchFailure("SUB '" + sub + "' must be letters, digits or ._@:+-");
        }
        if (roles.isEmpty()) {
            throw new LaunchFailure(tokenUsage());
        }
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new LaunchFailure("unknown role '" + role + "' (roles: " + String.join(" ", ROLES) + ")");
            }
        }
    }

    static String tokenUsage() {
        return "usage: ./rapport token SUB ROLE... (roles: " + String.join(" ", ROLES) + ")";
    }
}
