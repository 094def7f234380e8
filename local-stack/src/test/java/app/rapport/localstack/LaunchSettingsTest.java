package app.rapport.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LaunchSettingsTest {
    private static final Path ROOT = Path.of("/example/checkout/rapport");

    @Test
    void defaults() {
        LaunchSettings s = LaunchSettings.from(ROOT, Map.of());
        assertEquals(ROOT.resolve(".rapport"), s.state());
        assertEquals(Duration.ofSeconds(120), s.upTimeout());
        assertEquals(Duration.ofSeconds(30), s.stopTimeout());
        assertEquals(List.of(), s.javaOpts());
        assertEquals("3g", s.mongoHeap());
        assertEquals("2", s.mallocArenaMax());
        assertEquals(".rapport", s.shown());
        assertEquals(".rapport/logs/seed.log", s.shown(s.log("seed")));
    }

    @Test
    void fromTheEnvironment() {
        LaunchSettings s = LaunchSettings.from(ROOT, Map.of("RAPPORT_STATE_DIR", "/tmp/other", "RAPPORT_UP_TIMEOUT", "300",
                "RAPPORT_STOP_TIMEOUT", " 5 ", "RAPPORT_JAVA_OPTS", " -Xmx1g  -Dx=y ", "RAPPORT_MONGO_HEAP", "1g"));
        assertEquals(Path.of("/tmp/other"), s.state());
        assertEquals("/tmp/other", s.shown(), "outside the checkout: the full path");
        assertEquals(Duration.ofSeconds(300), s.upTimeout());
        assertEquals(Duration.ofSeconds(5), s.stopTimeout());
        assertEquals(List.of("-Xmx1g", "-Dx=y"), s.javaOpts());
        assertEquals("1g", s.mongoHeap());
        assertEquals(ROOT.resolve(".rapport-bench"), LaunchSettings.from(ROOT, Map.of("RAPPORT_STATE_DIR", ".rapport-bench")).state());
    }

    @Test
    void badTimeoutsAreRefused() {
        assertThrows(LaunchFailure.class, () -> LaunchSettings.from(ROOT, Map.of("RAPPORT_UP_TIMEOUT", "soon")));
        assertThrows(LaunchFailure.class, () -> LaunchSettings.from(ROOT, Map.of("RAPPORT_STOP_TIMEOUT", "0")));
    }
}
