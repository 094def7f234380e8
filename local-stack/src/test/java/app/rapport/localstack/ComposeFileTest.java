package app.rapport.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** docker-compose.yml at the repository root is valid Compose, and never switches dev tokens on. */
class ComposeFileTest {

    /** {@code RAPPORT_AUTH_DEV_TOKENS: "true"}, {@code RAPPORT_AUTH_DEV_TOKENS=true}, {@code rapport.auth.dev-tokens=true}, ... */
    private static final Pattern DEV_TOKENS_ON = Pattern.compile(
            "(?i)(RAPPORT_AUTH_DEV_TOKENS|rapport\\.auth\\.dev-tokens)[\"']?\\s*[:=]\\s*[\"']?\\s*(true|yes|on|1)\\b");

    @Test
    void passesDockerComposeConfig() throws Exception {
        Path compose = composeFile();
        Result r = run(List.of("docker-compose", "-f", compose.toString(), "config", "-q"), compose.getParent());
        assertEquals(0, r.exit, "docker-compose config -q rejected " + compose + ":\n" + r.output);
    }

    @Test
    void keepsDevTokensOff() throws Exception {
        Path compose = composeFile();
        String text = Files.readString(compose, StandardCharsets.UTF_8);
        assertFalse(DEV_TOKENS_ON.matcher(text).find(), "docker-compose.yml must not enable dev tokens (they are for the local stack only)");
        assertTrue(text.contains("RAPPORT_AUTH_DEV_TOKENS: \"false\""), "the gateway states dev tokens off explicitly");

        // the resolved configuration too (anchors, merges and variables applied)
        Result r = run(List.of("docker-compose", "-f", compose.toString(), "config"), compose.getParent());
        assertEquals(0, r.exit, r.output);
        assertFalse(DEV_TOKENS_ON.matcher(r.output).find(), "the resolved compose configuration enables dev tokens:\n" + r.output);
    }

    @Test
    void definesRealInfrastructureAndTheFourServices() throws Exception {
        Path compose = composeFile();
        Result r = run(List.of("docker-compose", "-f", compose.toString(), "config", "--services"), compose.getParent());
        assertEquals(0, r.exit, r.output);
        List<String> services = r.output.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        for (String s : List.of("mongo", "kafka", "kafka-init", "advocate-service", "ask-service", "touchpoint-service", "gateway")) {
            assertTrue(services.contains(s), "compose defines " + s + ": " + services);
        }
        String text = Files.readString(compose, StandardCharsets.UTF_8);
        assertTrue(text.contains("image: mongo:7"), "real MongoDB 7");
        assertTrue(text.contains("rs.initiate("), "the replica set is initialised automatically");
        assertTrue(text.contains("image: apache/kafka:4.1.2"), "the official Apache Kafka image");
        for (String topic : app.rapport.events.Topics.CREATED) {
            assertTrue(text.contains(topic), "kafka-init creates " + topic);
        }
        assertTrue(text.contains("\"8080:8080\""), "the gateway is published on 8080");
    }

    private static Path composeFile() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.exists(d.resolve("docker-compose.yml"))) {
                return d.resolve("docker-compose.yml");
            }
        }
        return fail("no docker-compose.yml next to mvnw above " + dir);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path workDir) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("'docker-compose' is not installed, so docker-compose.yml cannot be validated. "
                    + "On Debian: apt-get install -y docker-compose (.ci/run installs it). Cause: " + e.getMessage());
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("docker-compose did not answer within 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
