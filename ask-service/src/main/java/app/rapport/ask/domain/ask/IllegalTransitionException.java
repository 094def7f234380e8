package app.rapport.ask.domain.ask;

import app.rapport.ask.domain.AskStatus;

import java.util.ArrayList;
import java.util.List;

/** The state machine does not allow this move from the ask's current state. */
public class IllegalTransitionException extends RuntimeException {
    private final AskStatus current;

    public IllegalTransitionException(AskStatus current, AskStatus next, String verb) {
        super("The ask is " + current + "; it cannot be " + verb + " (only " + allowedFrom(next) + " asks can)");
        this.current = current;
    }

    /** Not allowed in the current state, for a reason {@code message} gives in full. */
    public IllegalTransitionException(AskStatus current, String message) {
        super(message);
        this.current = current;
    }

    public AskStatus current() {
        return current;
    }

    static String allowedFrom(AskStatus next) {
        List<String> from = new ArrayList<>();
        for (AskStatus s : AskStatus.values()) {
            if (s.canMoveTo(next)) {
                from.add(s.name());
            }
        }
        return String.join(" or ", from);
    }
}
