package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;

/** A service could not be reached, did not answer in time, or its circuit breaker is open. */
public class ServiceUnavailable extends RuntimeException {
    private final DownstreamService service;
    private final long retryAfterSeconds;

    public ServiceUnavailable(DownstreamService service, String reason, long retryAfterSeconds) {
        super(service.serviceName() + " " + reason);
        this.service = service;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public DownstreamService service() {
        return service;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
