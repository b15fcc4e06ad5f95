package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Axon's JDBC storage engine, unchanged but for one thing: every row it hands out for tracking (processors, streams,
 * {@code readEvents}) has its global index noted in {@link OwnPositions}, which Axon's tracked messages do not
 * carry.
 */
final class PositionNotingEngine extends JdbcEventStorageEngine {

    private final OwnPositions positions;

    PositionNotingEngine(JdbcEventStorageEngine.Builder builder, OwnPositions positions) {
        super(builder);
        this.positions = positions;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> data = super.getTrackedEventData(resultSet, previousToken);
        positions.note(resultSet.getString(schema().eventIdentifierColumn()),
                resultSet.getLong(schema().globalIndexColumn()));
        return data;
    }
}
