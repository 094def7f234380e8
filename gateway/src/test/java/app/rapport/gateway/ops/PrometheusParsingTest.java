package app.rapport.gateway.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading the outbox backlog gauge from a service's Prometheus page. */
class PrometheusParsingTest {
    @Test
    void readsTheGaugeWithOrWithoutLabels() {
        assertEquals(7L, PipelineMonitor.pendingOutbox("# HELP x\nrapport_outbox_pending_events 7.0\n"));
        assertEquals(3L, PipelineMonitor.pendingOutbox(
                "rapport_outbox_pending_events{service=\"a\"} 1.0\nrapport_outbox_pending_events{service=\"b\"} 2.0\n"));
        assertNull(PipelineMonitor.pendingOutbox("rapport_outbox_pending_events_total 9\njvm_memory_used_bytes 1\n"));
    }
}
