package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreGaps;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded event store's table as stored: a storage engine of its own on the same database, without the
 * upcaster chain, so the chain covers exactly the stored payloads and revisions even once upcasters exist.
 */
public class JdbcStoredHistory implements StoredHistory {

    /** Larger than Axon's 100: fewer round trips, and a run of missing positions must be longer to end a read. */
    static final int BATCH_SIZE = 1000;

    /** How long a head waits for events below it that are still being committed before it is refused. */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(2);

    private final JdbcEventStorageEngine engine;
    private final Serializer eventSerializer;
    private final OwnPositions positions;
    private final StoreGaps gaps;

    public JdbcStoredHistory(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                             PersistenceExceptionResolver persistenceExceptionResolver, Serializer snapshotSerializer,
                             Serializer eventSerializer, OwnPositions positions, StoreGaps gaps) {
        this.eventSerializer = eventSerializer;
        this.positions = positions;
        this.gaps = gaps;
        // read only: no schema creation, no snapshots written; deliberately no upcasterChain(...)
        this.engine = positions.engine(JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(eventSerializer)
                .batchSize(BATCH_SIZE));
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
        // not blocking: the stream ends at the first empty batch, i.e. at the head
        return engine.readEvents(null, false);
    }

    @Override
    public long headPosition() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    @Override
    public Serializer eventSerializer() {
        return eventSerializer;
    }
}
