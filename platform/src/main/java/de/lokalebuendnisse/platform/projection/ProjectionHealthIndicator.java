package de.lokalebuendnisse.platform.projection;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN when a projection's processor has stopped or a segment is in error: its documents no longer follow the
 * event store. Dead letters alone keep it UP (the rest goes on) but are listed.
 */
@Component("projectionsHealthIndicator")
public class ProjectionHealthIndicator extends AbstractHealthIndicator {

    private final Projections projections;

    public ProjectionHealthIndicator(Projections projections) {
        this.projections = projections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        for (ProjectionState state : projections.states()) {
            String status = !state.running() ? "STOPPED" : state.error() ? "ERROR"
                    : state.replaying() ? "REPLAYING" : "RUNNING";
            up &= state.running() && !state.error();
            builder.withDetail(state.name(), new Detail(status, state.position(), state.lag(), state.deadLetters(),
                    state.errorDetail()));
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    record Detail(String status, long position, long lag, long deadLetters, String error) {
    }
}
