package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreGaps;
import de.lokalebuendnisse.platform.projection.EventPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
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

    /** How long a read waits for events below its head that are still being committed. */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(10);

    private final EventStore eventStore;
    private final OwnPositions positions;
    private final StoreGaps gaps;

    public EventHistory(EventStore eventStore, OwnPositions positions, StoreGaps gaps) {
        this.eventStore = eventStore;
        this.positions = positions;
        this.gaps = gaps;
    }

    /** Where the event is stored: its own position, which for an event read late is not its token's. */
    public long positionOf(TrackedEventMessage<?> event) {
        return positions.of(event);
    }

    /** The position of the newest stored event; -1 when the store is empty. */
    public long headPosition() {
        return EventPositions.of(eventStore.createHeadToken());
    }

    /**
     * Every event up to {@code head} (inclusive), in position order; close the stream when done. Events appended
     * meanwhile with a higher position are not read, so two reads up to the same head see the same history.
     * <p>
     * Reading starts once the history up to {@code head} has settled ({@link StoreGaps#awaitSettled}): an event
     * below the head whose transaction is still open would otherwise arrive after later ones. A refused command's
     * position stays empty and delays nothing.
     *
     * @throws IllegalStateException when events below the head are still being committed after
     *                               {@link #SETTLE_PATIENCE}
     */
    public Stream<TrackedEventMessage<?>> upTo(long head) {
        if (head < 0) {
            return Stream.empty();
        }
        gaps.awaitSettled(head, SETTLE_PATIENCE).ifPresent(why -> {
            throw new IllegalStateException("the history up to position " + head + " has not settled: " + why);
        });
        BlockingStream<TrackedEventMessage<?>> source = eventStore.openStream(null);
        Iterator<TrackedEventMessage<?>> events = new Iterator<>() {
            private TrackedEventMessage<?> next;
            private boolean done;
            private long last = -1;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        TrackedEventMessage<?> candidate = source.nextAvailable();
                        long position = positions.of(candidate);
                        if (position > head) {
                            done = true;
                        } else if (position <= last) {
                            // cannot happen once the history has settled; never hand out a history out of order
                            throw new IllegalStateException("event " + candidate.getIdentifier() + " at position "
                                    + position + " arrived after position " + last);
                        } else {
                            next = candidate;
                            last = position;
                            done = position == head;
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
