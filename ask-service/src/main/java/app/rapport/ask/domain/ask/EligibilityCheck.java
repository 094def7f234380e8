package app.rapport.ask.domain.ask;

import app.rapport.ask.domain.eligibility.Decision;

import java.time.Instant;

/** A decision of the gate as recorded on an ask: the decision, when it was made and how fresh its data was. */
public record EligibilityCheck(Decision decision, Instant checkedAt, Instant asOf) {
}
