package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.common.Require;

import java.time.Instant;

/**
 * An event as its stream recorded it: the payload with its place in the stream and the instant it was recorded.
 * The folds take these rather than the framework's messages, so that what folds a stream stays plain data and the
 * services decide how to read it (an event store, a test's list).
 *
 * @param sequenceNumber its position in its aggregate's stream, from 0
 * @param timestamp      when it was recorded
 * @param by             who caused it, from its metadata; null when it carries no verified identity (stored before
 *                       tokens were required) or the reader does not care (the folds never look at it)
 */
public record RecordedEvent(Object payload, long sequenceNumber, Instant timestamp, ActingIdentity by) {

    public RecordedEvent {
        Require.present(payload, "payload");
        Require.present(timestamp, "timestamp");
    }

    /** An event without identity: what the folds and their tests need. */
    public RecordedEvent(Object payload, long sequenceNumber, Instant timestamp) {
        this(payload, sequenceNumber, timestamp, null);
    }
}
