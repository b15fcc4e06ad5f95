package de.lokalebuendnisse.query.audit;

import de.lokalebuendnisse.query.projection.EventPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The whole stored history for auditors: every event from the first up to the head of the store as it is when
 * reading starts, in event-store order. It reads on its own stream, apart from the live processors and their
 * tokens, and lazily, so memory stays flat however long the history is. Works alike on the embedded store and on
 * Axon Server.
 */
@Component
public class EventHistory {

    private final EventStore eventStore;

    public EventHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The position of the newest stored event; -1 when the store is empty. */
    public long headPosition() {
        return EventPositions.of(eventStore.createHeadToken());
    }

    /**
     * Every event up to {@code head} (inclusive), in order; close the stream when done. Events appended meanwhile
     * with a higher position are not read, so two reads up to the same head see the same history.
     */
    public Stream<TrackedEventMessage<?>> upTo(long head) {
        if (head < 0) {
            return Stream.empty();
        }
        BlockingStream<TrackedEventMessage<?>> source = eventStore.openStream(null);
        Iterator<TrackedEventMessage<?>> events = new Iterator<>() {
            private TrackedEventMessage<?> next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        TrackedEventMessage<?> candidate = source.nextAvailable();
                        if (EventPositions.of(candidate.trackingToken()) > head) {
                            done = true;
                        } else {
                            next = candidate;
                            done = EventPositions.of(candidate.trackingToken()) == head;
                            if (done) {
                                return true;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while reading the event history", e);
                    }
                }
                return next != null;
            }

            @Override
            public TrackedEventMessage<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TrackedEventMessage<?> current = next;
                next = null;
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(source::close);
    }
}
