package de.lokalebuendnisse.platform.projection;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Positions in the event store as plain numbers, the way the command side hands them out: the global index of the
 * embedded store or Axon Server's global token. This is where a token stands (the highest position it has seen),
 * not where the event it came with is stored: that is {@link de.lokalebuendnisse.platform.positions.OwnPositions}; whether
 * a processor has reached a position is {@link de.lokalebuendnisse.platform.positions.StoreGaps#behind}.
 */
public final class EventPositions {

    private EventPositions() {
    }

    /** The position a token stands at; -1 before the first event. */
    public static long of(TrackingToken token) {
        TrackingToken current = unwrapped(token);
        return current == null ? -1 : current.position().orElse(-1);
    }

    /** During a replay the processor's token wraps the one it is at. */
    private static TrackingToken unwrapped(TrackingToken token) {
        return token instanceof WrappedToken wrapped ? wrapped.lowerBound() : token;
    }
}
