package app.rapport.ask.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The states of an ask and the transitions the state machine allows. */
public enum AskStatus {
    BLOCKED, AWAITING_OWNER, SENT, ACCEPTED, COMPLETED, DECLINED_BY_OWNER, DECLINED_BY_ADVOCATE, CANCELLED, EXPIRED;

    /** Open asks hold the advocate's workload and duplicate slots. */
    public static final Set<AskStatus> OPEN = EnumSet.of(AWAITING_OWNER, SENT, ACCEPTED);
    public static final List<String> OPEN_NAMES = List.of("AWAITING_OWNER", "SENT", "ACCEPTED");
    /** States whose asks follow the advocate's owner when it changes. */
    public static final List<String> OWNED_NAMES = List.of("BLOCKED", "AWAITING_OWNER", "SENT", "ACCEPTED");

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == DECLINED_BY_OWNER || this == DECLINED_BY_ADVOCATE || this == CANCELLED
                || this == EXPIRED;
    }

    /** Whether the state machine allows going from this state to {@code next}. */
    public boolean canMoveTo(AskStatus next) {
        return switch (this) {
            case BLOCKED -> next == AWAITING_OWNER || next == CANCELLED;
            case AWAITING_OWNER -> next == SENT || next == DECLINED_BY_OWNER || next == CANCELLED || next == EXPIRED;
            case SENT -> next == ACCEPTED || next == DECLINED_BY_ADVOCATE || next == CANCELLED;
            case ACCEPTED -> next == COMPLETED || next == CANCELLED;
            default -> false;
        };
    }
}
