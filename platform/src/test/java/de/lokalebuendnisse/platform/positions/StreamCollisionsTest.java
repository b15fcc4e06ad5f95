package de.lokalebuendnisse.platform.positions;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An append that collides with its stream is refused with the exception the store's unique key gives, and leaves no
 * empty position behind: the next event is stored at the next position. Axon's own engine, beside it, shows the
 * position a refusal by the unique key leaves empty.
 */
class StreamCollisionsTest {

    /** Recognises the unique key's refusal by its SQLSTATE, as the services' resolver does. */
    private static final PersistenceExceptionResolver UNIQUE_KEY = exception -> {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && StreamCollisions.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    };

    private JdbcDataSource store;
    private Connection keepAlive;

    @BeforeEach
    void openStore() throws SQLException {
        store = EventRows.memoryStore("collisions");
        keepAlive = store.getConnection();
    }

    @AfterEach
    void closeStore() throws SQLException {
        keepAlive.close();
    }

    @Test
    void aSecondStartOfAStreamIsRefusedAsADuplicateAndTakesNoPosition() throws SQLException {
        JdbcEventStorageEngine engine = fenced();
        engine.appendEvents(event("b-1", 0));

        assertThatThrownBy(() -> engine.appendEvents(event("b-1", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(event("b-2", 0));

        assertThat(positions()).containsExactly(1L, 2L);
        assertThat(streamOf("b-1")).containsExactly(0L);
    }

    @Test
    void aCommandThatLostTheRaceForItsSequenceNumbersIsRefusedAsAConflictAndTakesNoPosition() throws SQLException {
        JdbcEventStorageEngine engine = fenced();
        engine.appendEvents(event("b-1", 0), event("b-1", 1));

        // built on sequence number 0 while another command appended 1: its first event collides, the second not
        assertThatThrownBy(() -> engine.appendEvents(event("b-1", 1), event("b-1", 2)))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("b-1", 2));

        assertThat(positions()).containsExactly(1L, 2L, 3L);
        assertThat(streamOf("b-1")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aCollisionOfAnyStreamInTheAppendRefusesItWhole() throws SQLException {
        JdbcEventStorageEngine engine = fenced();
        engine.appendEvents(event("b-2", 0));

        assertThatThrownBy(() -> engine.appendEvents(event("b-1", 0), event("b-2", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(positions()).containsExactly(1L);
    }

    @Test
    void appendsWithoutCollisionAreStoredAsAxonStoresThem() throws SQLException {
        JdbcEventStorageEngine engine = fenced();
        engine.appendEvents(event("b-1", 0), event("b-2", 0), GenericEventMessage.asEventMessage("no stream"),
                event("b-1", 1));
        engine.appendEvents(event("b-2", 1));

        assertThat(positions()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(streamOf("b-1")).containsExactly(0L, 1L);
        assertThat(streamOf("b-2")).containsExactly(0L, 1L);
    }

    @Test
    void axonsOwnEngineRefusesTheSameAppendsAlikeButLeavesTheirPositionsEmpty() throws SQLException {
        JdbcEventStorageEngine engine = EventRows.engineBuilder(store::getConnection)
                .persistenceExceptionResolver(UNIQUE_KEY).build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        engine.appendEvents(event("b-1", 0), event("b-1", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("b-1", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("b-1", 1)))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("b-2", 0));

        assertThat(positions()).as("positions 3 and 4 were taken by the refused inserts").containsExactly(1L, 2L, 5L);
    }

    private JdbcEventStorageEngine fenced() {
        OwnPositions positions = new OwnPositions(store, new EventSchema());
        JdbcEventStorageEngine engine = positions.engine(
                EventRows.engineBuilder(store::getConnection).persistenceExceptionResolver(UNIQUE_KEY),
                new StoreFence(store, new EventSchema()));
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    private static DomainEventMessage<String> event(String aggregate, long sequenceNumber) {
        return new GenericDomainEventMessage<>("Buendnis", aggregate, sequenceNumber,
                aggregate + " #" + sequenceNumber);
    }

    private List<Long> positions() throws SQLException {
        return longs("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex");
    }

    private List<Long> streamOf(String aggregate) throws SQLException {
        return longs("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = '" + aggregate
                + "' ORDER BY sequenceNumber");
    }

    private List<Long> longs(String sql) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (ResultSet rows = keepAlive.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                found.add(rows.getLong(1));
            }
        }
        return found;
    }
}
