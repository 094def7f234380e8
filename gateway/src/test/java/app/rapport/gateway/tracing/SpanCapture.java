package app.rapport.gateway.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The spans the gateway under test finishes, kept in memory (quarkus.otel.traces.exporter=cdi). */
@ApplicationScoped
public class SpanCapture {
    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
