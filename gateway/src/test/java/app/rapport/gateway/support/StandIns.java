package app.rapport.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the three stand-in services once per JVM and points the gateway at them:
 * {@code @QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)}.
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {
    public static final StandInService ADVOCATE = new StandInService("advocate-service");
    public static final StandInService ASK = new StandInService("ask-service");
    public static final StandInService TOUCHPOINT = new StandInService("touchpoint-service");

    @Override
    public Map<String, String> start() {
        return Map.of(
                "rapport.services.advocate.url", ADVOCATE.url(),
                "rapport.services.ask.url", ASK.url(),
                "rapport.services.touchpoint.url", TOUCHPOINT.url());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM
    }

    /** Every stand-in up, with its default answer and an empty record. */
    public static void resetAll() {
        for (StandInService s : new StandInService[] {ADVOCATE, ASK, TOUCHPOINT}) {
            s.start();
            s.reset();
        }
    }
}
