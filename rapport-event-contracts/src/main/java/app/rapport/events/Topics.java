package app.rapport.events;

import java.util.List;

/** Rapport's Kafka topics (docs/events.md), and how they are named. */
public final class Topics {
    public static final String ADVOCATE_EVENTS = "advocate-events";
    public static final String ASK_EVENTS = "ask-events";
    public static final String TOUCHPOINT_EVENTS = "touchpoint-events";
    /**
     * Input from support, CRM and billing tools (Rapport only reads it): CloudEvents keyed and
     * subjected by the account id, {@code ce_type rapport.signal.<type>.v1}. advocate-service consumes it.
     */
    public static final String ACCOUNT_SIGNALS = "account-signals";

    /** Partitions each topic is created with by the local stack, compose and the test harness. */
    public static final int PARTITIONS = 3;

    public static final List<String> ALL = List.of(ADVOCATE_EVENTS, ASK_EVENTS, TOUCHPOINT_EVENTS);
    /** Every topic the local stack, compose and the test harness create: Rapport's own and its input. */
    public static final List<String> CREATED = List.of(ADVOCATE_EVENTS, ASK_EVENTS, TOUCHPOINT_EVENTS, ACCOUNT_SIGNALS);

    /**
     * The dead-letter topic of one consumer (a service) reading one topic, e.g.
     * {@code ask-service.advocate-events.dlq}. One per consumer so that the ops dashboard can
     * tell which consumer gave up on which record.
     */
    public static String deadLetter(String consumerService, String topic) {
        return consumerService + "." + topic + ".dlq";
    }

    private Topics() {
    }
}
