package app.rapport.events.advocate;

import java.time.LocalDate;

/** A leave, both ends inclusive. The reason stays in advocate-service: it may be personal. */
public record LeavePeriod(String id, LocalDate from, LocalDate to) {
}
