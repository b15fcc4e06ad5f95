package de.lokalebuendnisse.query.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.OptionalLong;

/**
 * Positions in the event store as plain numbers, the way the command side hands them out: the global index of the
 * embedded store or Axon Server's global token. A processor has reached a position when it has handled every event
 * up to and including it.
 */
public final class EventPositions {

    private EventPositions() {
    }

    /** Whether {@code token} has seen every event up to {@code position}. */
    public static boolean covers(TrackingToken token, long position) {
        if (position < 0) {
            return true;
        }
        TrackingToken current = unwrapped(token);
        if (current == null) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            // an event below the position that is still missing (a gap) may yet arrive: not reached
            return gapAware.getIndex() >= position && gapAware.getGaps().headSet(position + 1).isEmpty();
        }
        OptionalLong at = current.position();
        return at.isPresent() && at.getAsLong() >= position;
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
