package app.rapport.ask.domain.ask;

import app.rapport.ask.domain.eligibility.Decision;

/** The gate's reasons forbid the move (an override with a HARD reason, a send still blocked). */
public class AskBlockedException extends RuntimeException {
    private final Decision decision;

    public AskBlockedException(String message, Decision decision) {
        super(message);
        this.decision = decision;
    }

    /** The reasons that forbid the move. */
    public Decision decision() {
        return decision;
    }
}
