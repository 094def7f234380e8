package app.rapport.localstack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvocationTest {

    @Test
    void upTakesOnlyEmpty() {
        assertFalse(Invocation.parse("up").empty());
        assertTrue(Invocation.parse("up", "--empty").empty());
        LaunchFailure f = assertThrows(LaunchFailure.class, () -> Invocation.parse("up", "--fresh"));
        assertEquals("unknown option '--fresh' (usage: ./rapport up [--empty])", f.getMessage());
    }

    @Test
    void restartTakesOneProcessByItsShortOrFullName() {
        assertEquals(Component.ASK, Invocation.parse("restart", "ask").component());
        assertEquals(Component.ADVOCATE, Invocation.parse("restart", "advocate-service").component());
        assertEquals(Component.KAFKA, Invocation.parse("restart", "kafka").component());
        assertEquals(Component.GATEWAY, Invocation.parse("restart", "gateway").component());
        assertThrows(LaunchFailure.class, () -> Invocation.parse("restart"));
        assertThrows(LaunchFailure.class, () -> Invocation.parse("restart", "ask", "gateway"));
        LaunchFailure f = assertThrows(LaunchFailure.class, () -> Invocation.parse("restart", "kafka-service"));
        assertTrue(f.getMessage().contains("advocate|ask|touchpoint|gateway|kafka|mongo"), f.getMessage());
    }

    @Test
    void tokenNeedsASafeSubjectAndKnownRoles() {
        Invocation ok = Invocation.parse("token", "u-1", "owner", "requester");
        assertEquals(List.of("u-1", "owner", "requester"), ok.args());
        assertTrue(assertThrows(LaunchFailure.class, () -> Invocation.parse("token", "u-1")).getMessage()
                .startsWith("usage: ./rapport token SUB ROLE..."));
        assertEquals("unknown role 'king' (roles: requester owner programme-manager analyst admin integration)",
                assertThrows(LaunchFailure.class, () -> Invocation.parse("token", "u-1", "king")).getMessage());
        assertTrue(assertThrows(LaunchFailure.class, () -> Invocation.parse("token", "u\"1", "owner")).getMessage()
                .contains("must be letters, digits"));
    }

    @Test
    void kafkaAndBenchPassTheirArgumentsOn() {
        assertEquals(List.of("tail", "ask-events", "5"), Invocation.parse("kafka", "tail", "ask-events", "5").args());
        assertEquals(List.of("--quick", "--scale", "10"), Invocation.parse("bench", "--quick", "--scale", "10").args());
    }

    @Test
    void unknownCommandsExitWith2() {
        assertEquals(2, assertThrows(LaunchFailure.class, () -> Invocation.parse("frobnicate")).exitCode());
        assertEquals(2, assertThrows(LaunchFailure.class, Invocation::parse).exitCode());
    }
}
