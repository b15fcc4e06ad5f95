package de.lokalebuendnisse.platform.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Per projection, for Actuator and Prometheus: {@code lbf.projection.lag} (events behind the head of the store),
 * {@code lbf.projection.position}, {@code lbf.projection.dead.letters} and {@code lbf.projection.running} (1 or 0).
 */
@Component
public class ProjectionMetrics implements MeterBinder {

    private final Projections projections;

    public ProjectionMetrics(Projections projections) {
        this.projections = projections;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : projections.names()) {
            Gauge.builder("lbf.projection.lag", () -> projections.lag(name))
                    .tag("projection", name).description("events the projection still has to process")
                    .baseUnit("events").register(registry);
            Gauge.builder("lbf.projection.position", () -> projections.position(name))
                    .tag("projection", name).description("event-store position the projection has reached")
                    .register(registry);
            Gauge.builder("lbf.projection.dead.letters", () -> projections.deadLetters(name))
                    .tag("projection", name).description("events waiting in the projection's dead-letter queue")
                    .baseUnit("events").register(registry);
            Gauge.builder("lbf.projection.running", () -> projections.isRunning(name) ? 1 : 0)
                    .tag("projection", name).description("1 while the projection's processor runs")
                    .register(registry);
        }
    }
}
