package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.audit.service.history.EventHistory;
import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import de.lokalebuendnisse.audit.trail.history.StoredHistoryReader;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreFence;
import de.lokalebuendnisse.platform.positions.StoreGaps;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The history as the audit chain sees it: every stored event as the event store holds it, in event-store order,
 * read lazily so memory stays flat however long the history is.
 * <p>
 * In the embedded default it reads the H2 store through a JDBC storage engine of its own that has no upcasters, so
 * the payload is byte for byte the stored one even once upcasters exist. With Axon Server there is only the event
 * store's stream, which is upcasted: there an event that an upcaster changes would be reported as changed.
 */
@Component
public class StoredEvents {

    /** One stored event and its position (the embedded store's global index, Axon Server's global token). */
    public record StoredEvent(long position, ChainedEvent event) {
    }

    private static final Logger log = LoggerFactory.getLogger(StoredEvents.class);

    private final StoredHistoryReader reader;
    private final Serializer eventSerializer;

    public StoredEvents(@Qualifier("eventStoreDataSource") ObjectProvider<DataSource> eventStoreDataSource,
                        Serializer serializer,
                        @Qualifier("eventSerializer") Serializer eventSerializer,
                        EventHistory history, OwnPositions positions, StoreGaps gaps,
                        StoreFence fence) {
        DataSource dataSource = eventStoreDataSource.getIfAvailable();
        // the event serializer must be the very instance the events are read with: then serializePayload hands
        // back the stored bytes instead of serializing the deserialized payload again
        this.reader = dataSource == null ? history.reader() : StoredHistoryReader.ofStorageEngine(
                positions.engine(JdbcEventStorageEngine.builder()
                        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .snapshotSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .batchSize(500), fence),
                positions::of, gaps::awaitSettled);
        this.eventSerializer = eventSerializer;
    }

    /** The position of the newest stored event; -1 when the store is empty. */
    public long headPosition() {
        return reader.headPosition();
    }

    /**
     * Every stored event up to the head, anchors included, in strictly ascending position (each event's own,
     * {@link OwnPositions}); close the stream when done. Reading starts once every event below the head has
     * committed ({@link StoreGaps#awaitSettled}), so none arrives after later ones. Should one still commit late
     * into a position the reading has already passed (it was not settled within {@link #SETTLE_PATIENCE}), it is
     * left out with a warning: it was not stored yet when the reading passed its position, and the chain is
     * defined in position order.
     */
    public Stream<StoredEvent> inOrder() {
        return inOrder(headPosition());
    }

    /** As {@link #inOrder()}, up to {@code head}: the verifier reads the records up to the same position. */
    public Stream<StoredEvent> inOrder(long head) {
        reader.awaitSettled(head, SETTLE_PATIENCE).ifPresent(why -> log.warn("Verifying up to position {}: {}; "
                + "an event committed after the reading passed its position is left out", head, why));
        return reader.inPositionOrder(head, StoredHistoryReader.LateEvents.LEAVE_OUT)
                .map(message -> new StoredEvent(reader.positionOf(message), ChainedEvents.of(message,
                        eventSerializer)));
    }

    /** How long the verification waits for events below the head that are still being committed. */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(10);
}
