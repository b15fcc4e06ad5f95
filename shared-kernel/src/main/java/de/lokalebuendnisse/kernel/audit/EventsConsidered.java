package de.lokalebuendnisse.kernel.audit;

import java.time.Instant;

/**
 * Which part of one event stream an answer was computed from: its events from sequence 0 up to
 * {@code upToSequence}, the newest recorded at {@code lastEventAt}. Another reader can recompute the answer from
 * exactly these events.
 *
 * @param aggregateId  the stream, e.g. {@code seal-award:2024/25}
 * @param upToSequence sequence number of the last event taken into account
 * @param lastEventAt  when that event was recorded
 * @param laterEvents  events of the stream recorded after the instant asked for, left out (as read then)
 */
public record EventsConsidered(String aggregateId, long upToSequence, Instant lastEventAt, long laterEvents) {
}
