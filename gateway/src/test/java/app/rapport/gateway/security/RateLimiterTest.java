package app.rapport.gateway.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bucket's arithmetic, on an explicit clock. */
class RateLimiterTest {
    private static RateLimiter limiter(int perMinute) {
        RateLimiter l = new RateLimiter();
        l.requestsPerMinute = perMinute;
        l.init();
        return l;
    }

    @Test
    void aFullBucketAllowsTheBurstThenRefillsAtTheRate() {
        RateLimiter l = limiter(60); // one a second
        long t = 1_000_000_000_000L;
        for (int i = 0; i < 60; i++) {
            assertEquals(0, l.tryTake("u", t));
        }
        long wait = l.tryTake("u", t);
        assertTrue(wait > 0 && wait <= 1_000_000_000L, "wait " + wait);
        assertEquals(0, l.tryTake("u", t + 1_000_000_000L));
        assertTrue(l.tryTake("u", t + 1_000_000_000L) > 0);
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        RateLimiter l = limiter(1);
        long t = 5L;
        assertEquals(0, l.tryTake("a", t));
        assertTrue(l.tryTake("a", t) > 0);
        assertEquals(0, l.tryTake("b", t));
    }
}
