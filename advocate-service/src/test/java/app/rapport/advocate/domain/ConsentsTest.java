package app.rapport.advocate.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConsentsTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final LocalDate LAST_YEAR = LocalDate.of(2025, 11, 1);

    @Test
    void anOptInIsConfirmedTheDayItIsMadeAndKeepsThatDay() {
        assertEquals(Map.of("REFERENCE_CALL", TODAY), Consents.follow(Map.of(), List.of(), List.of("REFERENCE_CALL"), TODAY));
        assertEquals(Map.of("REFERENCE_CALL", LAST_YEAR, "REVIEW", TODAY),
                Consents.follow(Map.of("REFERENCE_CALL", LAST_YEAR), List.of("REFERENCE_CALL"),
                        List.of("REFERENCE_CALL", "REVIEW"), TODAY));
    }

    @Test
    void anOptOutForgetsItsDayAndOptingInAgainStartsAfresh() {
        Map<String, LocalDate> out = Consents.follow(Map.of("REFERENCE_CALL", LAST_YEAR, "REVIEW", LAST_YEAR),
                List.of("REFERENCE_CALL", "REVIEW"), List.of("REVIEW"), TODAY);
        assertEquals(Map.of("REVIEW", LAST_YEAR), out);
        assertEquals(Map.of("REVIEW", LAST_YEAR, "REFERENCE_CALL", TODAY),
                Consents.follow(out, List.of("REVIEW"), List.of("REVIEW", "REFERENCE_CALL"), TODAY));
    }

    @Test
    void anOptInFromBeforeConsentDatesStaysWithoutOne() {
        // stored before consent days existed: opted in, no day; it is not confirmed by an unrelated change
        assertEquals(Map.of("CASE_STUDY", TODAY), Consents.follow(Map.of(), List.of("REFERENCE_CALL"),
                List.of("REFERENCE_CALL", "CASE_STUDY"), TODAY));
    }

    @Test
    void reconfirmingRenewsTheNamedOptInsOnly() {
        Map<String, LocalDate> known = Map.of("REFERENCE_CALL", LAST_YEAR, "REVIEW", LAST_YEAR);
        assertEquals(Map.of("REFERENCE_CALL", TODAY, "REVIEW", LAST_YEAR),
                Consents.reconfirm(known, List.of("REFERENCE_CALL", "REVIEW"), List.of("REFERENCE_CALL"), TODAY));
        // one without a day gets one
        assertEquals(Map.of("CASE_STUDY", TODAY),
                Consents.reconfirm(Map.of(), List.of("CASE_STUDY"), List.of("CASE_STUDY"), TODAY));
    }

    @Test
    void reconfirmingAnActivityNotOptedInOrNothingIsRefusedNamingTheField() {
        DomainException e = assertThrows(DomainException.class, () -> Consents.reconfirm(Map.of(),
                List.of("REVIEW"), List.of("REVIEW", "SPEAKER"), TODAY));
        assertEquals(List.of("activities[1]"), e.violations().stream().map(Violation::field).toList());
        assertEquals(List.of("activities"), assertThrows(DomainException.class, () -> Consents.reconfirm(Map.of(),
                List.of("REVIEW"), List.of(), TODAY)).violations().stream().map(Violation::field).toList());
    }
}
