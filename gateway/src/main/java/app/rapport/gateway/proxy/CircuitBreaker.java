package app.rapport.gateway.proxy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A consecutive-failure circuit breaker for one service. CLOSED lets every call through; after
 * {@code failureThreshold} failures in a row it is OPEN and refuses calls for {@code openDuration};
 * then HALF_OPEN lets a single trial call through, whose outcome closes or re-opens it.
 * Plain Java with an injectable clock, so its rules are tested without waiting.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Whether a call may go ahead, and if not for how long the caller should wait. */
    public record Permit(boolean allowed, long retryAfterNanos) {
        static final Permit YES = new Permit(true, 0);
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    public synchronized Permit tryAcquire() {
        long now = nanoClock.getAsLong();
        switch (state) {
            case CLOSED:
                return Permit.YES;
            case OPEN:
                long elapsed = now - openedAt;
                if (elapsed < openNanos) {
                    return new Permit(false, openNanos - elapsed);
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return Permit.YES;
            case HALF_OPEN:
            default:
                if (trialInFlight) {
                    return new Permit(false, Math.max(openNanos / 10, 1_000_000_000L));
                }
                trialInFlight = true;
                return Permit.YES;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        trialInFlight = false;
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        consecutiveFailures++;
        if (consecutiveFailures >= failureThreshold) {
            open();
        }
    }

    private void open() {
        state = State.OPEN;
        openedAt = nanoClock.getAsLong();
        consecutiveFailures = 0;
    }

    public synchronized State state() {
        // report OPEN turning into HALF_OPEN lazily, as tryAcquire would
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    public synchronized void reset() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }
}
