package app.rapport.ask.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/** Expires asks left AWAITING_OWNER (every {@code rapport.asks.expiry-every}); safe on several instances. */
@ApplicationScoped
public class ExpiryJob {
    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    @Inject
    AskService asks;

    @Inject
    Clock clock;

    @ConfigProperty(name = "rapport.asks.awaiting-owner-days", defaultValue = "14")
    int awaitingOwnerDays;

    @Scheduled(every = "${rapport.asks.expiry-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            runAt(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("expiry pass failed, will retry: %s", e.toString());
        }
    }

    /** One pass as if the time were {@code now}. */
    public int runAt(Instant now) {
        int n = asks.expire(now, awaitingOwnerDays);
        if (n > 0) {
            LOG.infof("expired %d asks left awaiting their owner", n);
        }
        return n;
    }
}
