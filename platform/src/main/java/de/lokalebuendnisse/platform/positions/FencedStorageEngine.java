package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Axon's JDBC storage engine, unchanged but for four things. Three are about what it hands out for tracking
 * (processors, streams, {@code readEvents}):
 * <ul>
 *   <li>every row has its global index noted in {@link OwnPositions}, which Axon's tracked messages do not carry;</li>
 *   <li>a fetched batch is handed out only once the store's file holds all of it ({@link StoreFence}); otherwise the
 *   fetch fails, and the reader (Axon's shared producer, or a processor's own stream) fetches again from its last
 *   token. Fencing here rather than per processor covers the events a processor skips as well: their positions
 *   move its token on, and a new host may store a new event at a lost one's position;</li>
 *   <li>a token's gaps that stay empty are dropped by {@link GapCleaning}, Axon's rule at a cost that does not grow
 *   with the square of the gaps; Axon's own cleaning is switched off.</li>
 * </ul>
 * The fourth is about appending: an append that collides with an event its stream already holds is refused before
 * it inserts anything ({@link StreamCollisions}), with the exception Axon gives for the unique key's refusal, so the
 * refusal leaves no empty position behind.
 */
final class FencedStorageEngine extends JdbcEventStorageEngine {

    private final OwnPositions positions;
    private final StoreFence fence;
    /**
     * The rows of the fetch under way on this thread, each at its own position, for the fence: Axon's tracked data
     * carries the token, whose position is not the row's for an event that fills a gap.
     */
    private final ThreadLocal<List<StoreFence.ReadEvent>> fetching = new ThreadLocal<>();
    private final GapCleaning gapCleaning;
    private final StreamCollisions collisions;

    FencedStorageEngine(JdbcEventStorageEngine.Builder builder, OwnPositions positions, StoreFence fence) {
        // Axon's cleaning never runs (no token has more gaps than this); GapCleaning applies its rule instead
        super(builder.gapTimeout((int) GapCleaning.TIMEOUT.toMillis()).gapCleaningThreshold(Integer.MAX_VALUE));
        this.positions = positions;
        this.fence = fence;
        this.gapCleaning = new GapCleaning(this::getConnection, schema());
        this.collisions = new StreamCollisions(schema());
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Optional<SQLException> collision;
        // the command's own transaction, as Axon's insert below takes it
        try (Connection connection = getConnection()) {
            collision = collisions.find(connection, events);
        } catch (SQLException e) {
            throw new EventStoreException("cannot look up the streams of the events to append: " + e.getMessage(), e);
        }
        // throws what the unique key's refusal would have thrown: a duplicate stream start or a concurrency conflict
        collision.ifPresent(refusal -> handlePersistenceException(refusal, events.get(0)));
        super.appendEvents(events, serializer);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        TrackingToken from = lastToken instanceof GapAwareTrackingToken gapAware ? gapCleaning.clean(gapAware)
                : lastToken;
        List<StoreFence.ReadEvent> rows = new ArrayList<>();
        fetching.set(rows);
        List<? extends TrackedEventData<?>> fetched;
        try {
            fetched = super.fetchTrackedEvents(from, batchSize);
        } finally {
            fetching.remove();
        }
        fence.awaitStored(rows);
        return fetched;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> data = super.getTrackedEventData(resultSet, previousToken);
        String eventIdentifier = resultSet.getString(schema().eventIdentifierColumn());
        long position = resultSet.getLong(schema().globalIndexColumn());
        positions.note(eventIdentifier, position);
        List<StoreFence.ReadEvent> rows = fetching.get();
        if (rows != null) {
            rows.add(new StoreFence.ReadEvent(position, eventIdentifier));
        }
        return data;
    }
}
