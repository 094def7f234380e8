package app.rapport.gateway.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker's rules on a hand-moved clock. */
class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong(0);
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        CircuitBreaker.Permit p = breaker.tryAcquire();
        assertFalse(p.allowed());
        assertEquals(Duration.ofSeconds(10).toNanos(), p.retryAfterNanos());
    }

    @Test
    void halfOpenLetsOneTrialThroughWhichClosesOrReopens() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.tryAcquire().allowed(), "the trial call");
        assertFalse(breaker.tryAcquire().allowed(), "only one trial at a time");
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire().allowed());

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.tryAcquire().allowed());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire().allowed());
        assertTrue(breaker.tryAcquire().allowed());
    }
}
