package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreGaps;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The history as the {@link EventStore} streams it, for Axon Server, which offers no read past its upcasters: there
 * the chain covers the events as upcast, which is the stored form as long as no upcaster is registered (none is).
 */
public class EventStoreStoredHistory implements StoredHistory {

    /** How long to wait for an event the head says exists before calling the read broken rather than hanging. */
    private static final long WAIT_SECONDS = 30;

    /** How long a head waits for events below it that are still being committed before it is refused. */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(2);

    private final EventStore eventStore;
    private final Serializer eventSerializer;
    private final OwnPositions positions;
    private final StoreGaps gaps;

    public EventStoreStoredHistory(EventStore eventStore, Serializer eventSerializer, OwnPositions positions,
                                   StoreGaps gaps) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
        this.positions = positions;
        this.gaps = gaps;
    }

    @Override
    public long positionOf(TrackedEventMessage<?> event) {
        return positions.of(event);
    }

    @Override
    public Optional<String> awaitSettled(long position) {
        return gaps.awaitSettled(position, SETTLE_PATIENCE);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> fromFirst() {
        long head = headPosition();
        if (head < 0) {
            return Stream.empty();
        }
        // the store's stream never ends by itself: it waits for new events, so reading stops at the head
        BlockingStream<TrackedEventMessage<?>> source = eventStore.openStream(null);
        Iterator<TrackedEventMessage<?>> events = new Iterator<>() {
            private boolean done;

            @Override
            public boolean hasNext() {
                if (done) {
                    return false;
                }
                try {
                    if (!source.hasNextAvailable((int) WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the event store sent nothing for " + WAIT_SECONDS
                                + " s before reaching its head at position " + head);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the stored history", e);
                }
                return true;
            }

            @Override
            public TrackedEventMessage<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    TrackedEventMessage<?> event = source.nextAvailable();
                    done = positions.of(event) >= head;
                    return event;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the stored history", e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(source::close);
    }

    @Override
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    @Override
    public Serializer eventSerializer() {
        return eventSerializer;
    }
}
