package de.lokalebuendnisse.audit.trail.history;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads every stored event from the first up to a head, in event-store order, lazily, so memory stays flat however
 * long the history is: the one reader of the whole history, for the command side's chain anchoring and for the
 * auditors' replay, exports and verification. It reads on a stream of its own, apart from the live processors and
 * their tokens.
 * <p>
 * Two sources: the {@link EventStore}'s stream (works alike on the embedded store and on Axon Server, and is
 * upcast), or a storage engine of the caller's making (the embedded store's table read without upcasters, so the
 * payloads are byte for byte the stored ones even once upcasters exist).
 * <p>
 * Where an event is stored and whether the history up to a position has settled are the store's business, handed
 * in as two functions (the platform's {@code OwnPositions::of} and {@code StoreGaps::awaitSettled}), so this
 * library needs neither Spring nor JDBC wiring.
 */
public final class StoredHistoryReader {

    /** Waits until every event there will ever be at or below a position has committed. */
    @FunctionalInterface
    public interface Settling {

        /** Empty once the history up to {@code position} has settled within {@code patience}; else why not. */
        Optional<String> awaitSettled(long position, Duration patience);
    }

    /** What a read in position order does with an event that arrives below a position it has already passed. */
    public enum LateEvents {
        /** The read fails with a {@link HistoryNotSettledException}: it is not the history. */
        REFUSE,
        /** The event is left out with a warning: it was not stored yet when the read passed its position. */
        LEAVE_OUT
    }

    /** How long to wait for an event the head says exists before calling the read broken rather than hanging. */
    static final long WAIT_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(StoredHistoryReader.class);

    private final String source;
    private final Supplier<TrackingToken> headToken;
    private final LongFunction<Stream<TrackedEventMessage<?>>> reading;
    private final ToLongFunction<TrackedEventMessage<?>> positionOf;
    private final Settling settling;

    private StoredHistoryReader(String source, Supplier<TrackingToken> headToken,
                                LongFunction<Stream<TrackedEventMessage<?>>> reading,
                                ToLongFunction<TrackedEventMessage<?>> positionOf, Settling settling) {
        this.source = source;
        this.headToken = headToken;
        this.reading = reading;
        this.positionOf = positionOf;
        this.settling = settling;
    }

    /**
     * The history as the event store streams it (upcast). Its stream never ends by itself, it waits for new events;
     * so reading stops at the head, and fails when nothing arrives for {@value #WAIT_SECONDS} s before it.
     */
    public static StoredHistoryReader ofEventStore(EventStore eventStore,
                                                   ToLongFunction<TrackedEventMessage<?>> positionOf,
                                                   Settling settling) {
        return new StoredHistoryReader("the event store's stream", eventStore::createHeadToken,
                head -> streamed(eventStore, head, positionOf), positionOf, settling);
    }

    /**
     * The history as {@code engine} reads it, not blocking: its read ends at the first empty batch, i.e. at the
     * head (a long enough run of missing positions ends it early, which callers that must reach a position check).
     */
    public static StoredHistoryReader ofStorageEngine(EventStorageEngine engine,
                                                      ToLongFunction<TrackedEventMessage<?>> positionOf,
                                                      Settling settling) {
        return new StoredHistoryReader("the event table", engine::createHeadToken,
                head -> engine.readEvents(null, false)
                        .<TrackedEventMessage<?>>map(message -> message)
                        .takeWhile(message -> positionOf.applyAsLong(message) <= head),
                positionOf, settling);
    }

    /** The position of the newest stored event; -1 while the store is empty. */
    public long headPosition() {
        TrackingToken head = headToken.get();
        if (head instanceof WrappedToken wrapped) {
            head = wrapped.lowerBound();
        }
        return head == null ? -1 : head.position().orElse(-1);
    }

    /**
     * Where the event is stored: its own position, which for an event that committed after a later one is not its
     * tracking token's.
     */
    public long positionOf(TrackedEventMessage<?> event) {
        return positionOf.applyAsLong(event);
    }

    /**
     * Waits up to {@code patience} until every event there will ever be at or below {@code position} has
     * committed; empty when it has, else why not. A position left empty by a refused command delays nothing.
     */
    public Optional<String> awaitSettled(long position, Duration patience) {
        return settling.awaitSettled(position, patience);
    }

    /**
     * Every stored event from the first up to {@code head} (inclusive), in the order the store hands them out;
     * close the stream when done. Events appended meanwhile beyond {@code head} are not read, so two reads up to
     * the same head see the same history once it has settled ({@link #awaitSettled}).
     */
    public Stream<TrackedEventMessage<?>> upTo(long head) {
        if (head < 0) {
            return Stream.empty();
        }
        return reading.apply(head);
    }

    /**
     * {@link #upTo} in strictly ascending position: an event that committed into a position the read had already
     * passed is handled as {@code late} says. Settle first ({@link #awaitSettled}), and there is none.
     */
    public Stream<TrackedEventMessage<?>> inPositionOrder(long head, LateEvents late) {
        long[] passed = {Long.MIN_VALUE};
        return upTo(head).filter(message -> {
            long position = positionOf(message);
            if (position > passed[0]) {
                passed[0] = position;
                return true;
            }
            if (late == LateEvents.REFUSE) {
                throw new HistoryNotSettledException("the event at position " + position + " was committed after "
                        + "the read had passed it (at position " + passed[0] + "); try again later");
            }
            log.warn("Event {} at position {} was stored after the read had passed that position (at {}); it is "
                    + "left out of this read", message.getIdentifier(), position, passed[0]);
            return false;
        });
    }

    @Override
    public String toString() {
        return "the stored history read from " + source;
    }

    private static Stream<TrackedEventMessage<?>> streamed(EventStore eventStore, long head,
                                                           ToLongFunction<TrackedEventMessage<?>> positionOf) {
        BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null);
        Iterator<TrackedEventMessage<?>> events = new Iterator<>() {
            private TrackedEventMessage<?> next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    TrackedEventMessage<?> candidate = nextAvailable();
                    long position = positionOf.applyAsLong(candidate);
                    if (position > head) {
                        done = true;
                    } else {
                        next = candidate;
                        done = position == head;
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

            private TrackedEventMessage<?> nextAvailable() {
                try {
                    if (!stream.hasNextAvailable((int) WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the event store sent nothing for " + WAIT_SECONDS
                                + " s before reaching the head at position " + head);
                    }
                    return stream.nextAvailable();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the stored history", e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(stream::close);
    }
}
