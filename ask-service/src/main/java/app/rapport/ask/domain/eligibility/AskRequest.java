package app.rapport.ask.domain.eligibility;

import java.time.LocalDate;

/** What is being asked: the activity and, optionally, by when. */
public record AskRequest(String activity, LocalDate dueBy) {
}
