package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.audit.trail.history.StoredHistoryReader;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreGaps;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * The whole stored history for auditors: every event from the first up to the head of the store as it is when
 * reading starts, in event-store order, read by the audit trail's {@link StoredHistoryReader} on the event store's
 * own stream. Works alike on the embedded store and on Axon Server.
 */
@Component
public class EventHistory {

    /** How long a read waits for events below its head that are still being committed. */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(10);

    private final StoredHistoryReader reader;

    public EventHistory(EventStore eventStore, OwnPositions positions, StoreGaps gaps) {
        this.reader = StoredHistoryReader.ofEventStore(eventStore, positions::of, gaps::awaitSettled);
    }

    /** The reader behind this history, for those that read it in a way of their own. */
    public StoredHistoryReader reader() {
        return reader;
    }

    /** Where the event is stored: its own position, which for an event read late is not its token's. */
    public long positionOf(TrackedEventMessage<?> event) {
        return reader.positionOf(event);
    }

    /** The position of the newest stored event; -1 when the store is empty. */
    public long headPosition() {
        return reader.headPosition();
    }

    /**
     * Every event up to {@code head} (inclusive), in position order; close the stream when done. Events appended
     * meanwhile with a higher position are not read, so two reads up to the same head see the same history.
     * <p>
     * Reading starts once the history up to {@code head} has settled ({@link StoreGaps#awaitSettled}): an event
     * below the head whose transaction is still open would otherwise arrive after later ones. A refused command's
     * position stays empty and delays nothing. Should one arrive out of order all the same, the read fails rather
     * than hand out a history out of order.
     *
     * @throws IllegalStateException when events below the head are still being committed after
     *                               {@link #SETTLE_PATIENCE}
     */
    public Stream<TrackedEventMessage<?>> upTo(long head) {
        if (head < 0) {
            return Stream.empty();
        }
        reader.awaitSettled(head, SETTLE_PATIENCE).ifPresent(why -> {
            throw new IllegalStateException("the history up to position " + head + " has not settled: " + why);
        });
        return reader.inPositionOrder(head, StoredHistoryReader.LateEvents.REFUSE);
    }
}
