package app.rapport.advocate.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leave rules, without any framework. */
class LeaveRulesTest {
    private static final LocalDate MAY_1 = LocalDate.of(2026, 5, 1);

    private static Leave leave(String id, int fromDay, int toDay) {
        return new Leave(id, MAY_1.plusDays(fromDay - 1), MAY_1.plusDays(toDay - 1), null);
    }

    @Test
    void toBeforeFromIsRefusedNamingTo() {
        DomainException e = assertThrows(DomainException.class,
                () -> LeaveRules.schedule(List.of(), leave("a", 10, 9)));
        assertEquals("to", e.violations().get(0).field());
    }

    @Test
    void aOneDayLeaveIsFine() {
        assertEquals(1, LeaveRules.schedule(List.of(), leave("a", 10, 10)).size());
    }

    @Test
    void missingDatesAreNamed() {
        List<Violation> v = LeaveRules.validate(null, null, null);
        assertEquals(List.of("from", "to"), v.stream().map(Violation::field).toList());
    }

    @Test
    void overlappingLeavesAreRefused() {
        List<Leave> existing = List.of(leave("a", 10, 20));
        // inside, around, touching either end (ends are inclusive)
        for (Leave l : List.of(leave("b", 12, 13), leave("b", 5, 25), leave("b", 20, 22), leave("b", 1, 10))) {
            DomainException e = assertThrows(DomainException.class, () -> LeaveRules.schedule(existing, l), l.toString());
            assertTrue(e.getMessage().contains("overlaps leave a"), e.getMessage());
        }
    }

    @Test
    void adjacentAndSeparateLeavesAreAllowedAndKeptSorted() {
        List<Leave> leaves = LeaveRules.schedule(List.of(leave("a", 10, 20)), leave("b", 21, 22));
        leaves = LeaveRules.schedule(leaves, leave("c", 1, 9));
        assertEquals(List.of("c", "a", "b"), leaves.stream().map(Leave::id).toList());
    }

    @Test
    void cancelRemovesOnlyThatLeave() {
        List<Leave> leaves = List.of(leave("a", 1, 2), leave("b", 5, 6));
        assertEquals(List.of("b"), LeaveRules.cancel(leaves, "a").stream().map(Leave::id).toList());
        assertEquals(leaves, LeaveRules.cancel(leaves, "nope"));
    }

    @Test
    void reasonIsTrimmedAndLimited() {
        Leave l = new Leave("a", MAY_1, MAY_1, "  parental leave  ");
        assertEquals("parental leave", LeaveRules.schedule(List.of(), l).get(0).reason());
        assertThrows(DomainException.class, () -> LeaveRules.schedule(List.of(),
                new Leave("a", MAY_1, MAY_1, "x".repeat(LeaveRules.MAX_REASON + 1))));
    }

    @Test
    void busyMustNotBeInThePast() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        assertEquals(today, BusyRules.accept(today, null, today).until());
        DomainException e = assertThrows(DomainException.class, () -> BusyRules.accept(today.minusDays(1), "x", today));
        assertEquals("until", e.violations().get(0).field());
    }
}
