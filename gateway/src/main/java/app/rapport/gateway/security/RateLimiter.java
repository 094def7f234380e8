package app.rapport.gateway.security;

import app.rapport.gateway.rest.GatewayProblem;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The per-user rate limit: a SmallRye Fault Tolerance rate limit ({@link Guard#withRateLimit()},
 * a fixed one-minute window of {@code rapport.rate-limit.requests-per-minute}) per user (the
 * token's {@code sub}), in memory, per gateway instance. With N instances behind a load balancer a
 * user gets up to N times the rate; that is accepted (the limit protects the services from a runaway
 * script, it is not a quota).
 *
 * <p>The window is {@link RateLimitType#FIXED}: a counter per user, so its memory does not depend on
 * the rate. A {@code ROLLING} window keeps the time of every permitted call in a ring buffer sized by
 * the rate (8 bytes times the rate per user: 2.4 MB per user at 300,000 a minute), which ran the
 * gateway out of heap under the benchmark. The price of a fixed window is that a burst straddling a
 * minute boundary may reach twice the rate, which is acceptable for a guard against runaway scripts.
 * The guards of users idle for 10 minutes are dropped.
 */
@ApplicationScoped
public class RateLimiter {
    static final long IDLE_NANOS = 600_000_000_000L;

    @ConfigProperty(name = "rapport.rate-limit.requests-per-minute", defaultValue = "600")
    int requestsPerMinute;

    private final ConcurrentMap<String, UserLimit> limits = new ConcurrentHashMap<>();

    private static final class UserLimit {
        final Guard guard;
        volatile long lastUsed = System.nanoTime();

        UserLimit(Guard guard) {
            this.guard = guard;
        }
    }

    private UserLimit create(String user) {
        return new UserLimit(Guard.create()
                .withDescription("rate limit of " + user)
                .withRateLimit().limit(requestsPerMinute).window(1, ChronoUnit.MINUTES).type(RateLimitType.FIXED).done()
                .build());
    }

    /** Takes one request from the user's allowance: 0 when allowed, otherwise the seconds to wait. */
    public long acquire(String user) {
        UserLimit limit = limits.computeIfAbsent(user == null ? "" : user, this::create);
        limit.lastUsed = System.nanoTime();
        try {
            limit.guard.get(() -> Boolean.TRUE, Boolean.class);
            return 0;
        } catch (RateLimitException e) {
            return Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
        }
    }

    /** Takes one request from the user's allowance, or throws a 429 with Retry-After. */
    public void check(String user) {
        long wait = acquire(user);
        if (wait > 0) {
            throw GatewayProblem.tooManyRequests(wait);
        }
    }

    @Scheduled(every = "5m", delayed = "5m")
    void dropIdle() {
        long now = System.nanoTime();
        limits.values().removeIf(l -> now - l.lastUsed > IDLE_NANOS);
    }
}
