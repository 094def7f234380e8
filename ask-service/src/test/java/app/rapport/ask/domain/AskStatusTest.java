package app.rapport.ask.domain;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine of an ask (docs/api-asks.md, "States and who may move them"), as plain Java. */
class AskStatusTest {

    static Set<AskStatus> next(AskStatus from) {
        Set<AskStatus> s = EnumSet.noneOf(AskStatus.class);
        for (AskStatus to : AskStatus.values()) {
            if (from.canMoveTo(to)) {
                s.add(to);
            }
        }
        return s;
    }

    @Test
    void everyAllowedTransition() {
        assertEquals(EnumSet.of(AskStatus.AWAITING_OWNER, AskStatus.CANCELLED), next(AskStatus.BLOCKED));
        assertEquals(EnumSet.of(AskStatus.SENT, AskStatus.DECLINED_BY_OWNER, AskStatus.CANCELLED, AskStatus.EXPIRED),
                next(AskStatus.AWAITING_OWNER));
        assertEquals(EnumSet.of(AskStatus.ACCEPTED, AskStatus.DECLINED_BY_ADVOCATE, AskStatus.CANCELLED),
                next(AskStatus.SENT));
        assertEquals(EnumSet.of(AskStatus.COMPLETED, AskStatus.CANCELLED), next(AskStatus.ACCEPTED));
    }

    @Test
    void endingsAreFinalAndOnlyTheMiddleStatesAreOpen() {
        for (AskStatus s : AskStatus.values()) {
            if (s.isTerminal()) {
                assertTrue(next(s).isEmpty(), s + " is final");
            }
        }
        assertEquals(EnumSet.of(AskStatus.AWAITING_OWNER, AskStatus.SENT, AskStatus.ACCEPTED), AskStatus.OPEN);
        assertEquals(AskStatus.OPEN.stream().map(Enum::name).toList(), AskStatus.OPEN_NAMES);
    }
}
