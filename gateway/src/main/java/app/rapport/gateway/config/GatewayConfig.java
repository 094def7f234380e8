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
 * rapport.services.timeout=5s                 a whole answer, per call
 * rapport.services.connect-timeout=2s
 * rapport.services.breaker.failure-threshold=5 consecutive failures or timeouts open the breaker
 * rapport.services.breaker.open-duration=10s  then one trial call (half-open)
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

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("5s")
    Duration retryAfter();

    Breaker breaker();

    interface Endpoint {
        String url();
    }

    interface Breaker {
        @WithDefault("5")
        int failureThreshold();

        @WithDefault("10s")
        Duration openDuration();
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
