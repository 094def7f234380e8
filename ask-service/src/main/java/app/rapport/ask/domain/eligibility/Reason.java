package app.rapport.ask.domain.eligibility;

import java.time.LocalDate;
import java.util.Map;

/**
 * Why an ask may not go ahead: a code, its severity, a sentence a person understands, the first day
 * the reason no longer applies (where one exists) and the evidence (which leave, which earlier ask or
 * touchpoint, which count against which cap). Evidence values are strings, numbers, lists and maps.
 */
public record Reason(String code, Severity severity, String message, LocalDate until, Map<String, Object> evidence) {
    public static Reason of(ReasonCode code, String message, LocalDate until, Map<String, Object> evidence) {
        return new Reason(code.name(), code.severity(), message, until, evidence);
    }
}
