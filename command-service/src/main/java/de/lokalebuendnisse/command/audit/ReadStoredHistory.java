package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.audit.trail.history.StoredHistoryReader;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stored history as the audit trail's reader reads it ({@link StoredHistoryReader}), with the serializer it was
 * read with. Which source it reads (the event table past the upcasters, or Axon Server's stream) is chosen in
 * {@link AuditChainConfiguration}.
 */
public class ReadStoredHistory implements StoredHistory {

    /** How long a head waits for events below it that are still being committed before it is refused. */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(2);

    private final StoredHistoryReader reader;
    private final Serializer eventSerializer;

    public ReadStoredHistory(StoredHistoryReader reader, Serializer eventSerializer) {
        this.reader = reader;
        this.eventSerializer = eventSerializer;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> fromFirst() {
        return reader.upTo(reader.headPosition());
    }

    @Override
    public long positionOf(TrackedEventMessage<?> event) {
        return reader.positionOf(event);
    }

    @Override
    public Optional<String> awaitSettled(long position) {
        return reader.awaitSettled(position, SETTLE_PATIENCE);
    }

    @Override
    public long headPosition() {
        return reader.headPosition();
    }

    @Override
    public Serializer eventSerializer() {
        return eventSerializer;
    }

    @Override
    public String toString() {
        return reader.toString();
    }
}
