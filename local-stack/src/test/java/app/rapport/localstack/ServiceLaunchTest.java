package app.rapport.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceLaunchTest {
    private static final ServiceLaunch.Wiring WIRING = new ServiceLaunch.Wiring("mongodb://127.0.0.1:1", "127.0.0.1:2",
            "https://issuer", Path.of("/k/public.pem"), Path.of("/k/private.pem"), false,
            "http://a", "http://s", "http://t");

    @Test
    void theCommandCarriesTheMarkersAndThePort() {
        List<String> c = ServiceLaunch.command("ask-service", 8082, Path.of("/app/quarkus-run.jar"), Path.of("/repo"),
                List.of("-Xmx256m"));
        assertEquals(List.of("-Xmx256m", "-Drapport.process=ask-service", "-Drapport.home=/repo",
                "-Dquarkus.http.port=8082", "-jar", "/app/quarkus-run.jar"), c.subList(1, c.size()));
    }

    @Test
    void onlyTheGatewayGetsTheOtherServicesAndDevTokens() {
        Map<String, String> ask = ServiceLaunch.env("ask-service", WIRING);
        assertEquals("file:/k/public.pem", ask.get("RAPPORT_JWT_PUBLIC_KEY"));
        assertEquals("false", ask.get("RAPPORT_OUTBOX_WATCH_CHANGES"));
        assertFalse(ask.containsKey("RAPPORT_AUTH_DEV_TOKENS"));
        Map<String, String> gateway = ServiceLaunch.env("gateway", WIRING);
        assertEquals("true", gateway.get("RAPPORT_AUTH_DEV_TOKENS"));
        assertEquals("file:/k/private.pem", gateway.get("RAPPORT_AUTH_SIGNING_KEY_LOCATION"));
        assertEquals("http://s", gateway.get("RAPPORT_SERVICES_ASK_URL"));
    }

    @Test
    void theNativeHeapTrimNeedsJdk17u9() {
        assertFalse(ServiceLaunch.localJavaOpts(Runtime.Version.parse("17.0.8"), List.of()).contains("-XX:TrimNativeHeapInterval=5000"));
        assertTrue(ServiceLaunch.localJavaOpts(Runtime.Version.parse("17.0.15"), List.of()).contains("-XX:TrimNativeHeapInterval=5000"));
        assertTrue(ServiceLaunch.localJavaOpts(Runtime.Version.parse("21"), List.of("-Dx")).contains("-Dx"));
    }
}
