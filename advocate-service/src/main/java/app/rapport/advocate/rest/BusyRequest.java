package app.rapport.advocate.rest;

import java.time.LocalDate;

/** {@code PUT /api/advocates/{id}/busy}: busy up to and including {@code until}. */
public record BusyRequest(LocalDate until, String note) {
}
