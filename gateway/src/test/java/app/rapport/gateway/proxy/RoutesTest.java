package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;
import org.junit.jupiter.api.Test;

import static app.rapport.gateway.config.DownstreamService.ADVOCATE;
import static app.rapport.gateway.config.DownstreamService.ASK;
import static app.rapport.gateway.config.DownstreamService.TOUCHPOINT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The routing table. */
class RoutesTest {
    private static DownstreamService r(String path) {
        return Routes.route(path);
    }

    @Test
    void eachPathGoesToItsOwner() {
        assertEquals(ADVOCATE, r("/api/advocates"));
        assertEquals(ADVOCATE, r("/api/advocates/a-1"));
        assertEquals(ADVOCATE, r("/api/advocates/imports"));
        assertEquals(ADVOCATE, r("/api/advocates/imports/i-1"));
        assertEquals(ADVOCATE, r("/api/advocates/a-1/leaves/l-1"));
        assertEquals(ADVOCATE, r("/api/advocates/a-1/busy"));
        assertEquals(TOUCHPOINT, r("/api/advocates/a-1/timeline"));
        assertEquals(TOUCHPOINT, r("/api/advocates/a-1/relationship"));
        assertEquals(TOUCHPOINT, r("/api/touchpoints"));
        assertEquals(TOUCHPOINT, r("/api/relationships/attention"));
        assertEquals(ASK, r("/api/asks"));
        assertEquals(ASK, r("/api/asks/inbox"));
        assertEquals(ASK, r("/api/asks/k-1/send"));
        assertEquals(ASK, r("/api/eligibility"));
        assertEquals(ASK, r("/api/suggestions"));
        assertEquals(ASK, r("/api/policy"));
    }

    @Test
    void nobodyOwnsTheRest() {
        assertNull(r("/api/unknown"));
        assertNull(r("/api/"));
        assertNull(r("/q/health"));
        assertNull(r("/api/advocates/../ops/summary"));
    }

    @Test
    void locationsFromAServiceStayOnTheGateway() {
        assertEquals("/api/advocates/a-1", ProxyRoute.relativeLocation("http://advocate:8081/api/advocates/a-1"));
        assertEquals("/api/advocates/imports/i-1?x=1",
                ProxyRoute.relativeLocation("http://localhost:8081/api/advocates/imports/i-1?x=1"));
        assertEquals("/api/asks/k-1", ProxyRoute.relativeLocation("/api/asks/k-1"));
    }
}
