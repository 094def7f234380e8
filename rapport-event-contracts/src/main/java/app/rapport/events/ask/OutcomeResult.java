package app.rapport.events.ask;

/** How the opportunity an ask served ended: {@code rapport.ask.outcome-recorded.v1}'s {@code result}. */
public enum OutcomeResult {
    WON, LOST, NO_DECISION
}
