package app.rapport.touchpoint.mapping;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineCursorTest {
    @Test
    void anOpaqueCursorRoundTripsAndIsUrlSafe() {
        TimelineCursor c = new TimelineCursor(Instant.parse("2026-11-24T10:15:30.123Z"), "tp-a/b+c|d");
        String text = c.encode();
        assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
        assertEquals(Optional.of(c), TimelineCursor.parse(text));
    }

    @Test
    void aPlainInstantIsAcceptedWithoutId() {
        TimelineCursor c = TimelineCursor.parse("2026-11-24T10:00:00Z").orElseThrow();
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), c.occurredAt());
        assertNull(c.id());
    }

    @Test
    void anythingElseIsRefused() {
        assertTrue(TimelineCursor.parse("garbage!").isEmpty());
        assertTrue(TimelineCursor.parse("dDF8eA").isEmpty()); // "t1|x": no id part
        assertTrue(TimelineCursor.parse("aGVsbG8").isEmpty()); // "hello"
        assertTrue(TimelineCursor.parse("2026-11-24").isEmpty());
        assertTrue(TimelineCursor.parse("").isEmpty());
    }
}
