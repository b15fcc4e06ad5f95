package de.lokalebuendnisse.command.audit;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stored events for the audit chain: every event from the first, in event-store order, with the payload as
 * the store holds it.
 */
public interface StoredHistory {

    /**
     * Every stored event from the first up to the head as it is when reading starts, lazily; close the stream when
     * done. {@link #positionOf} gives each one's position.
     */
    Stream<? extends TrackedEventMessage<?>> fromFirst();

    /**
     * Where the event is stored: its own position ({@link de.lokalebuendnisse.platform.positions.OwnPositions}), which for
     * an event that committed after a later one is not its tracking token's.
     */
    long positionOf(TrackedEventMessage<?> event);

    /**
     * Waits briefly until every event there will ever be at or below {@code position} has committed
     * ({@link de.lokalebuendnisse.platform.positions.StoreGaps#awaitSettled}); empty when it has, else why not.
     */
    Optional<String> awaitSettled(long position);

    /** The position of the newest stored event; -1 while the store is empty. */
    long headPosition();

    /**
     * The serializer the events were read with: {@code serializePayload} with exactly this one hands back the
     * stored payload instead of serializing it again.
     */
    Serializer eventSerializer();
}
