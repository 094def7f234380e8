package app.rapport.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Where the services live and how patiently the gateway waits for them.
 * <pre>
 * rapport.services.advocate.url=http://localhost:8081     (RAPPORT_SERVICES_ADVOCATE_URL)
 * rapport.services.ask.url=http://localhost:8082          (RAPPORT_SERVICES_ASK_URL)
 * rapport.services.touchpoint.url=http://localhost:8083   (RAPPORT_SERVICES_TOUCHPOINT_URL)
 * rapport.services.timeout=5s                 until the answer's status and headers, per call
 * rapport.services.upload-timeout=10m         the same for CSV imports (the body streams meanwhile)
 * rapport.services.connect-timeout=2s
 * rapport.services.idle-timeout=30s           no byte either way for this long resets the call
 * rapport.services.pool-size=64               keep-alive connections per service
 * rapport.services.breaker.failure-threshold=5 failures or timeouts in a row open the breaker
 * rapport.services.breaker.open-duration=10s  then one trial call (half-open)
 * rapport.services.bulkhead.limit=200         calls in flight per service
 * rapport.services.bulkhead.queue=400         calls waiting for a slot; beyond: 503
 * rapport.services.retry-after=5s             Retry-After of a 503 when the breaker is still closed
 * </pre>
 */
@ConfigMapping(prefix = "rapport.services")
public interface GatewayConfig {
    Endpoint advocate();

    Endpoint ask();

    Endpoint touchpoint();

    @WithDefault("5s")
    Duration timeout();

    @WithDefault("10m")
    Duration uploadTimeout();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration idleTimeout();

    @WithDefault("64")
    int poolSize();

    @WithDefault("5s")
    Duration retryAfter();

    Breaker breaker();

    Bulkhead bulkhead();

    interface Endpoint {
        String url();
    }

    interface Breaker {
        @WithDefault("5")
        int failureThreshold();

        @WithDefault("10s")
        Duration openDuration();
    }

    interface Bulkhead {
        @WithDefault("200")
        int limit();

        @WithDefault("400")
        int queue();
    }

    default String url(DownstreamService service) {
        String url = switch (service) {
            case ADVOCATE -> advocate().url();
            case ASK -> ask().url();
            case TOUCHPOINT -> touchpoint().url();
        };
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
