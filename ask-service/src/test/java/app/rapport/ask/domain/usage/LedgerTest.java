package app.rapport.ask.domain.usage;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerTest {
    static final LocalDate TODAY = LocalDate.parse("2026-12-02");

    static Ledger.Entry ask(String id, LocalDate on, boolean pending) {
        return new Ledger.Entry("ASK", id, "adv-1", on, "REVIEW", pending, Instant.EPOCH);
    }

    @Test
    void theGateSeesEveryUseButTheAskBeingSentPendingOnesIncluded() {
        Ledger l = new Ledger("adv-1", 3, List.of(ask("a1", TODAY.minusDays(40), false),
                ask("a2", TODAY, true), new Ledger.Entry("TOUCHPOINT", "tp-1", "adv-1", TODAY.minusDays(5),
                        "PRESS", false, Instant.EPOCH)), List.of());
        assertEquals(3, l.usesExcept(null).size());
        assertEquals(List.of("a1", "tp-1"), l.usesExcept("a2").stream().map(u -> u.ref()).toList());
        assertEquals("TOUCHPOINT", l.usesExcept(null).get(2).kind());
        assertTrue(l.holds("a2"));
        assertFalse(l.holds("a3"));
    }

    @Test
    void usesOlderThan180DaysAreDueForTrimming() {
        Ledger fresh = new Ledger("adv-1", 1, List.of(ask("a1", TODAY.minusDays(179), false)), List.of());
        Ledger old = new Ledger("adv-1", 1, List.of(ask("a1", TODAY.minusDays(180), false)), List.of());
        assertFalse(fresh.hasExpired(TODAY));
        assertTrue(old.hasExpired(TODAY));
        assertEquals(0, Ledger.empty("x").version());
    }
}
