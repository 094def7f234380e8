package app.rapport.advocate.rest;

import java.time.LocalDate;

/** {@code POST /api/advocates/{id}/leaves}: both dates inclusive, {@code to} ≥ {@code from}. */
public record LeaveRequest(LocalDate from, LocalDate to, String reason) {
}
