package app.rapport.gateway.config;

/** The services behind the gateway. The config key is {@code rapport.services.<key>.url}. */
public enum DownstreamService {
    ADVOCATE("advocate", "advocate-service"),
    ASK("ask", "ask-service"),
    TOUCHPOINT("touchpoint", "touchpoint-service");

    private final String key;
    private final String serviceName;

    DownstreamService(String key, String serviceName) {
        this.key = key;
        this.serviceName = serviceName;
    }

    /** The short name used in configuration and in the 360 view's {@code unavailable}. */
    public String key() {
        return key;
    }

    /** The service's own name, which is also its Kafka consumer group. */
    public String serviceName() {
        return serviceName;
    }
}
