package de.lokalebuendnisse.command.audit;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;

import java.util.stream.Stream;

/**
 * The stored events for the audit chain: every event from the first, in event-store order, with the payload as
 * the store holds it.
 */
public interface StoredHistory {

    /**
     * Every stored event from the first up to at least the head as it is when reading starts, lazily; close the
     * stream when done. Each message's tracking token gives its position.
     */
    Stream<? extends TrackedEventMessage<?>> fromFirst();

    /** The position of the newest stored event; -1 while the store is empty. */
    long headPosition();

    /**
     * The serializer the events were read with: {@code serializePayload} with exactly this one hands back the
     * stored payload instead of serializing it again.
     */
    Serializer eventSerializer();
}
