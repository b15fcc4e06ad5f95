package de.lokalebuendnisse.platform.positions;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Rows of Axon's event table written directly, and the engine settings the tests of this package share. */
final class EventRows {

    private EventRows() {
    }

    /**
     * Inserts one event of a new stream (sequence 0) and returns its identifier.
     *
     * @param position the row's global index; {@code null} lets the store hand one out
     * @param written  its timestamp: Axon keeps no gaps below an event older than its gap timeout
     */
    static String insert(Connection connection, Long position, String aggregate, Instant written)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        String columns = (position == null ? "" : "globalIndex, ") + "eventIdentifier, aggregateIdentifier,"
                + " sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData";
        String values = (position == null ? "" : position + ", ")
                + "?, ?, 0, 'Test', ?, 'java.lang.String', null, ?, ?";
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO DomainEventEntry (" + columns
                + ") VALUES (" + values + ")")) {
            statement.setString(1, id);
            statement.setString(2, aggregate);
            statement.setString(3, written.toString());
            statement.setBytes(4, "\"x\"".getBytes());
            statement.setBytes(5, "{}".getBytes());
            statement.executeUpdate();
        }
        return id;
    }

    /** A fresh in-memory store of its own, in H2's PostgreSQL mode as the services' store; {@code name} labels it. */
    static JdbcDataSource memoryStore(String name) {
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";MODE=PostgreSQL");
        store.setUser("sa");
        return store;
    }

    /** An engine on these connections, without transactions, with Jackson for payloads and snapshots. */
    static JdbcEventStorageEngine.Builder engineBuilder(ConnectionProvider connections) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer());
    }
}
