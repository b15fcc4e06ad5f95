package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, before anything is inserted, an event of an append that its stream already holds: a second start of a
 * stream under a taken identifier (a duplicate registration), or a command that lost the race for its aggregate's
 * next sequence number.
 * <p>
 * The store's unique key refuses such an insert anyway, but only after the insert took a position: the position
 * stays empty for ever, and every reader of the embedded store carries it in each event's tracking token for a
 * minute (Axon keeps a young gap, and copies a token's gaps into the token of every event it reads next). Found from
 * outside: 3,000 refused duplicates within a minute made the query and the auditors' services run out of their
 * 160 MB heaps, about 2.9 million copied gaps in the tokens of the events each service keeps in memory. Looked up
 * first, the refused append takes no position.
 * <p>
 * A lookup cannot see a colliding insert that has not committed; the unique key still refuses that one, at the cost of
 * a gap. Within one command service that does not happen: Axon holds an aggregate's lock from its command until
 * after the commit, so a second command on the same aggregate looks up after the first one's events are committed.
 */
final class StreamCollisions {

    /** The SQLSTATE of a unique-key violation (H2 and PostgreSQL), and H2's error code for it. */
    static final String UNIQUE_VIOLATION = "23505";

    /** The lowest sequence number at or after a given one that a stream holds. */
    private final String firstHeldFrom;

    StreamCollisions(EventSchema schema) {
        this.firstHeldFrom = "SELECT " + schema.sequenceNumberColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn()
                + " >= ? ORDER BY " + schema.sequenceNumberColumn() + " FETCH FIRST 1 ROWS ONLY";
    }

    /**
     * The first collision of {@code events} with the store, as the unique-key violation the insert would have met;
     * empty when none of their streams holds an event at or after the sequence number it is to be given.
     */
    Optional<SQLException> find(Connection connection, List<? extends EventMessage<?>> events) throws SQLException {
        Map<String, Long> firstOfStream = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                firstOfStream.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber(), Math::min);
            }
        }
        if (firstOfStream.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement(firstHeldFrom)) {
            for (Map.Entry<String, Long> stream : firstOfStream.entrySet()) {
                statement.setString(1, stream.getKey());
                statement.setLong(2, stream.getValue());
                try (ResultSet stored = statement.executeQuery()) {
                    if (stored.next()) {
                        return Optional.of(new SQLIntegrityConstraintViolationException("the stream of aggregate "
                                + stream.getKey() + " already holds sequence number " + stored.getLong(1)
                                + " (looked up before inserting)", UNIQUE_VIOLATION, 23505));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
