package app.rapport.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parts of {@code ./rapport} (the script and the {@link Launcher} it runs) that need no running
 * stack: keys, tokens (verified here with the JDK's own RS256), status and down on an empty state
 * directory, argument errors, and that {@code down} never kills a process that is not ours. Each test points the script at a temporary state directory.
 */
class RapportScriptTest {

    @TempDir
    Path state;

    @Test
    void helpListsTheSubcommands() throws Exception {
        Result r = rapport("help");
        assertEquals(0, r.exit, r.output);
        for (String sub : List.of("up [--empty]", "down", "status", "restart NAME", "logs SERVICE", "token SUB ROLE...",
                "keys", "seed", "kafka topics", "bench")) {
            assertTrue(r.output.contains("./rapport " + sub), "help mentions ./rapport " + sub + ":\n" + r.output);
        }
    }

    @Test
    void keysAreAnRsaPairAndTokensAreRs256SignedByIt() throws Exception {
        assertEquals(0, rapport("keys").exit);
        String privatePem = Files.readString(state.resolve("keys/private.pem"));
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----"), "private.pem is PKCS#8:\n" + privatePem.lines().findFirst().orElse(""));
        String before = privatePem;
        assertEquals(0, rapport("keys").exit);
        assertEquals(before, Files.readString(state.resolve("keys/private.pem")), "keys are generated once, then kept");

        Result r = rapport("token", "u-alice", "owner", "requester");
        assertEquals(0, r.exit, r.output);
        String token = r.output.trim();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, "header.payload.signature: " + token);
        assertFalse(token.contains("=") || token.contains("+") || token.contains("/"), "base64url without padding");

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey(state.resolve("keys/public.pem")));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "the signature verifies with public.pem");

        String header = decode(parts[0]);
        String payload = decode(parts[1]);
        assertTrue(header.contains("\"alg\":\"RS256\""), header);
        assertTrue(payload.contains("\"iss\":\"https://rapport.local/issuer\""), payload);
        assertTrue(payload.contains("\"sub\":\"u-alice\""), payload);
        assertTrue(payload.contains("\"upn\":\"u-alice\""), payload);
        assertTrue(payload.contains("\"groups\":[\"owner\",\"requester\"]"), payload);
        long iat = number(payload, "iat");
        long exp = number(payload, "exp");
        assertEquals(8 * 3600, exp - iat, "valid for eight hours");
        assertTrue(Math.abs(iat - System.currentTimeMillis() / 1000) < 300, "issued now");
    }

    @Test
    void refusesUnknownRolesAndOddSubjects() throws Exception {
        assertEquals(0, rapport("keys").exit);
        Result unknownRole = rapport("token", "u-alice", "wizard");
        assertNotEquals(0, unknownRole.exit);
        assertTrue(unknownRole.output.contains("unknown role 'wizard'"), unknownRole.output);
        Result quote = rapport("token", "u-\"x", "owner");
        assertNotEquals(0, quote.exit, "a subject that would break the JSON is refused");
        assertNotEquals(0, rapport("token", "u-alice").exit, "at least one role");
    }

    @Test
    void refusesUnknownCommandsAndProcesses() throws Exception {
        Result restart = rapport("restart", "billing");
        assertNotEquals(0, restart.exit);
        assertTrue(restart.output.contains("unknown process 'billing'"), restart.output);
        Result up = rapport("up", "--fast");
        assertNotEquals(0, up.exit);
        assertTrue(up.output.contains("unknown option '--fast' (usage: ./rapport up [--empty])"), up.output);
        assertEquals(2, rapport("frobnicate").exit);
    }

    @Test
    void statusAndDownOnAStoppedStack() throws Exception {
        Result status = rapport("status");
        assertNotEquals(0, status.exit, "status fails when not everything is UP");
        assertTrue(status.output.contains("NAME                 STATE    PID     PORT   UPTIME   RESTARTS HEALTH"), status.output);
        for (String name : List.of("mongo", "kafka", "advocate-service", "ask-service", "touchpoint-service", "gateway")) {
            assertTrue(Pattern.compile("(?m)^" + name + "\\s+stopped\\s+-\\s+\\d+\\s+-\\s+-\\s+-$").matcher(status.output).find(),
                    name + " stopped, no PID, its port, no uptime, no restarts, no health:\n" + status.output);
        }
        Result down = rapport("down");
        assertEquals(0, down.exit, down.output);
        assertTrue(down.output.contains("not running"), down.output);
    }

    @Test
    void downNeverKillsAProcessThatIsNotOurs() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "120").start();
        try {
            Path pids = Files.createDirectories(state.resolve("pids"));
            Files.writeString(pids.resolve("gateway.pid"), stranger.pid() + "\n");
            Result down = rapport("down");
            assertEquals(0, down.exit, down.output);
            assertFalse(stranger.waitFor(1, TimeUnit.SECONDS), "down left the stranger alone:\n" + down.output);
            assertTrue(stranger.isAlive());
            assertFalse(Files.exists(pids.resolve("gateway.pid")), "the stale PID file is removed");
            assertTrue(down.output.contains("gateway: not running (stale PID file removed)"), down.output);
        } finally {
            stranger.destroyForcibly();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private record Result(int exit, String output) {
    }

    private Result rapport(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(repoRoot().resolve("rapport").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("RAPPORT_STATE_DIR", state.toString());
        // the launcher from this build's classes, not a packaged jar (there is none yet in the test phase)
        env.put("RAPPORT_LAUNCHER_CP", System.getProperty("java.class.path"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("./rapport " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.exists(d.resolve("rapport"))) {
                return d;
            }
        }
        return fail("no ./rapport next to mvnw above " + Path.of("").toAbsolutePath());
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
