package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one answer to "at which position of the event store is this event stored?": the event's own global index,
 * never the position of the tracking token it was delivered with.
 * <p>
 * The two differ in the embedded (JDBC) store. Its {@link GapAwareTrackingToken} stands at the highest index seen so
 * far; an event that commits after a later one (transactions commit out of order under concurrent writers) is
 * delivered afterwards to fill the gap it left, with a token whose position is that higher index. Axon's messages do
 * not carry the row's index, so the storage engine made by {@link #engine(JdbcEventStorageEngine.Builder)} notes
 * the index of every row it fetches, by event identifier (which the store keeps unique), and this class answers
 * from those notes; an event whose note has been dropped (only the most recent {@value #REMEMBERED} are kept) is
 * looked up in the store by its identifier. With Axon Server the token is a {@link GlobalSequenceTrackingToken}:
 * there every event has a token of its own, and its position is the event's own.
 */
public final class OwnPositions {

    /** Row indexes kept in memory: more than the events the processors and readers fetch ahead of handling. */
    static final int REMEMBERED = 100_000;

    private final DataSource dataSource;
    private final EventSchema schema;
    private final Map<String, Long> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * @param dataSource the embedded store's, for looking up an event whose note was dropped; {@code null} with
     *                   Axon Server
     */
    public OwnPositions(DataSource dataSource, EventSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** With Axon Server: no JDBC store, every token is the event's own. */
    public static OwnPositions ofAxonServer() {
        return new OwnPositions(null, new EventSchema());
    }

    /**
     * A JDBC storage engine as {@code builder} describes it that notes the index of every row it reads for this
     * class and hands out for tracking only what the store's file holds ({@link FencedStorageEngine}). Every engine
     * whose events {@link #of(TrackedEventMessage)} is asked about should be made here; one that is not still works,
     * through the lookup by identifier, only slower. Its reads past a token with gaps are answered from the table's
     * index ({@link IndexedGapReads}).
     */
    public JdbcEventStorageEngine engine(JdbcEventStorageEngine.Builder builder, StoreFence fence) {
        return new FencedStorageEngine(builder.readEventDataWithGaps(new IndexedGapReads()), this, fence);
    }

    /**
     * The event's own position in the store.
     *
     * @throws IllegalStateException when the message has no position (it was not read from the store) or the
     *                               event is no longer in the store
     */
    public long of(TrackedEventMessage<?> message) {
        TrackingToken token = message.trackingToken() == null ? null
                : WrappedToken.unwrapLowerBound(message.trackingToken());
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        if (token instanceof GapAwareTrackingToken) {
            Long noted;
            synchronized (recent) {
                noted = recent.get(message.getIdentifier());
            }
            if (noted != null) {
                return noted;
            }
            if (dataSource != null) {
                long looked = lookUp(message.getIdentifier());
                note(message.getIdentifier(), looked);
                return looked;
            }
        }
        throw new IllegalStateException("event " + message.getIdentifier() + " has no known position in the event "
                + "store (token " + message.trackingToken() + ")");
    }

    /** Notes where the storage engine found an event. */
    void note(String eventIdentifier, long globalIndex) {
        synchronized (recent) {
            recent.put(eventIdentifier, globalIndex);
        }
    }

    private long lookUp(String eventIdentifier) {
        String sql = "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                + schema.eventIdentifierColumn() + " = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, eventIdentifier);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    return result.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up the position of event " + eventIdentifier + ": "
                    + e.getMessage(), e);
        }
        throw new IllegalStateException("event " + eventIdentifier + " is not in the event store (any more)");
    }
}
