package app.rapport.events.ask;

import java.time.Instant;
import java.util.Map;

/** {@code rapport.policy.changed.v1} on ask-events, keyed "policy": the thresholds after a change. */
public record PolicyChangedEvent(int version, Map<String, Integer> thresholds, String by, Instant at) {
    public static final String KEY = "policy";
}
