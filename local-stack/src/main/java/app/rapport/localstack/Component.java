package app.rapport.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The six processes of the local stack, in start order ({@code down} goes the other way). */
public enum Component {
    MONGO("mongo", 27017, true),
    KAFKA("kafka", 9092, true),
    ADVOCATE("advocate-service", 8081, false),
    ASK("ask-service", 8082, false),
    TOUCHPOINT("touchpoint-service", 8083, false),
    GATEWAY("gateway", 8080, false);

    /** The KRaft controller's port, which the broker process also binds. */
    public static final int KAFKA_CONTROLLER_PORT = 9093;

    private final String id;
    private final int port;
    private final boolean infrastructure;

    Component(String id, int port, boolean infrastructure) {
        this.id = id;
        this.port = port;
        this.infrastructure = infrastructure;
    }

    /** The name of its log, PID file and marker: {@code mongo}, {@code ask-service}, ... */
    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    public boolean infrastructure() {
        return infrastructure;
    }

    public static List<Component> services() {
        List<Component> s = new ArrayList<>();
        for (Component c : values()) {
            if (!c.infrastructure) {
                s.add(c);
            }
        }
        return s;
    }

    /** By its name or the short one ({@code advocate}, {@code ask}, {@code touchpoint}). */
    public static Optional<Component> named(String name) {
        for (Component c : values()) {
            if (c.id.equals(name) || (!c.infrastructure && c.id.equals(name + "-service"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The names {@code ./rapport restart} takes. */
    public static String shortNames() {
        return "advocate|ask|touchpoint|gateway|kafka|mongo";
    }
}
