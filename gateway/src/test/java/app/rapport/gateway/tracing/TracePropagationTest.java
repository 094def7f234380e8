package app.rapport.gateway.tracing;

import app.rapport.gateway.proxy.ServiceClient;
import app.rapport.gateway.support.StandInService.Received;
import app.rapport.gateway.support.StandIns;
import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One trace from the caller through the gateway to the service: the gateway's server span
 * continues the caller's traceparent, its client span is the child of that, and the service
 * receives the client span as its parent, so the service's own server span joins the same trace.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = false)
class TracePropagationTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ServiceClient client;

    @BeforeEach
    void reset() {
        StandIns.resetAll();
        client.resetBreakers();
        spans.reset();
    }

    @Test
    void theGatewaysSpansAndTheServicesParentShareTheCallersTrace() {
        given().header("Authorization", TestTokens.bearer("u-1", "requester"))
                .header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
                .when().get("/api/policy").then().statusCode(200);

        Received req = StandIns.ASK.apiRequests().get(0);
        String[] tp = req.header("traceparent").split("-");
        assertEquals(TRACE, tp[1], "the service is called within the caller's trace");

        await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(TRACE)).count() >= 2);
        List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(TRACE)).toList();
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData call = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertEquals(CALLER_SPAN, server.getParentSpanId(), "the gateway continues the caller's span");
        assertEquals(server.getSpanId(), call.getParentSpanId(), "the call to the service is part of the request");
        assertEquals(call.getSpanId(), tp[2], "the service's parent is the gateway's call");
    }
}
