package app.rapport.advocate.imports.domain;

/** A CSV row that was not imported: its line number (the header is line 1) and why. */
public record RejectedRow(long line, String error) {
}
