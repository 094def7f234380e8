package app.rapport.ask.domain.ask;

import java.time.Instant;

/** One line of an ask's history: when, by whom, what, and an optional note. */
public record HistoryEntry(Instant at, String by, String action, String note) {
}
