package app.rapport.advocate.domain;

import java.time.LocalDate;

/** "Knee-deep in an internal project" until {@code until} (inclusive), with an optional note. */
public record Busy(LocalDate until, String note) {
}
