package app.rapport.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStateTest {

    @TempDir
    Path state;

    @Test
    void aStartIsAPidFileAndARunFile() throws Exception {
        RunState run = new RunState(state);
        Instant started = Instant.parse("2026-03-01T10:15:30Z");
        run.started("ask-service", 4242, new RunState.Entry(started, 2));

        assertEquals("4242\n", Files.readString(state.resolve("pids/ask-service.pid")), "the PID alone, as the bench reads it");
        assertEquals(OptionalLong.of(4242), run.pid("ask-service"));
        assertEquals(new RunState.Entry(started, 2), run.entry("ask-service").orElseThrow());

        run.forget("ask-service");
        assertFalse(run.hasPidFile("ask-service"));
        assertTrue(run.entry("ask-service").isEmpty());
    }

    @Test
    void oddFilesAreNoEntry() throws Exception {
        RunState run = new RunState(state);
        Files.createDirectories(state.resolve("pids"));
        Files.writeString(state.resolve("pids/gateway.pid"), "not a pid");
        assertTrue(run.pid("gateway").isEmpty());
        assertTrue(run.pid("mongo").isEmpty());
        Files.createDirectories(state.resolve("run"));
        Files.writeString(state.resolve("run/gateway.properties"), "started=yesterday\n");
        assertTrue(run.entry("gateway").isEmpty());
    }

    @Test
    void theRunFileRoundTrips() {
        RunState.Entry e = new RunState.Entry(Instant.parse("2026-01-02T03:04:05.678Z"), 7);
        assertEquals("started=2026-01-02T03:04:05.678Z\nrestarts=7\n", RunState.format(e));
        assertEquals(e, RunState.parse(RunState.format(e)));
        assertEquals(0, RunState.parse("started=2026-01-02T03:04:05Z\n").restarts(), "no restarts line: none");
        assertThrows(IllegalArgumentException.class, () -> RunState.parse("restarts=1\n"));
        assertThrows(IllegalArgumentException.class, () -> RunState.parse("started=2026-01-02T03:04:05Z\nrestarts=x\n"));
    }
}
