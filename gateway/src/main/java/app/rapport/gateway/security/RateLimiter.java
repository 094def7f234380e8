package app.rapport.gateway.security;

import app.rapport.gateway.rest.GatewayProblem;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per user (the token's {@code sub}), in memory, per gateway instance: the bucket
 * holds {@code burst} requests and refills at {@code requests-per-minute}. With N instances behind
 * a load balancer a user gets up to N times the rate; that is accepted (the limit protects the
 * services from a runaway script, it is not a quota). Idle buckets are dropped.
 */
@ApplicationScoped
public class RateLimiter {
    @ConfigProperty(name = "rapport.rate-limit.requests-per-minute", defaultValue = "600")
    int requestsPerMinute;

    @ConfigProperty(name = "rapport.rate-limit.burst", defaultValue = "0")
    int burstSetting;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private double perNano;
    private int burst;

    @PostConstruct
    void init() {
        perNano = requestsPerMinute / 60_000_000_000.0;
        burst = burstSetting > 0 ? burstSetting : requestsPerMinute;
    }

    /** Takes one request from the user's bucket, or throws a 429 with Retry-After. */
    public void check(String user) {
        long wait = tryTake(user == null ? "" : user, System.nanoTime());
        if (wait > 0) {
            throw GatewayProblem.tooManyRequests(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
        }
    }

    /** 0 when allowed, otherwise the nanoseconds until one request is available. */
    long tryTake(String user, long now) {
        Bucket b = buckets.computeIfAbsent(user, u -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) * perNano);
            b.last = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b.tokens) / perNano);
        }
    }

    @Scheduled(every = "5m", delayed = "5m")
    void dropIdle() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return now - e.getValue().last > 600_000_000_000L;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}
