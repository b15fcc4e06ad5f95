package de.lokalebuendnisse.platform.positions;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against a real H2 store in PostgreSQL mode, as the services use it: transactions that commit out of order, one
 * that is rolled back, one still open.
 */
class PositionsTest {

    private JdbcDataSource dataSource;
    private Connection keepAlive;
    private OwnPositions positions;
    private StoreGaps gaps;
    private JdbcEventStorageEngine engine;
    private final List<Connection> open = new ArrayList<>();

    @BeforeEach
    void store() throws SQLException {
        dataSource = EventRows.memoryStore("positions");
        keepAlive = dataSource.getConnection();
        positions = new OwnPositions(dataSource, new EventSchema());
        gaps = new StoreGaps(dataSource, new EventSchema());
        ConnectionProvider connections = dataSource::getConnection;
        engine = positions.engine(EventRows.engineBuilder(connections), new StoreFence(dataSource));
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection connection : open) {
            connection.close();
        }
        keepAlive.close();
    }

    @Test
    void anEventThatCommitsAfterALaterOneIsAtItsOwnPositionNotAtTheTokens() throws SQLException {
        Connection slow = transaction();
        String first = insert(slow, "a");       // takes position 1, commits last
        String second = insertCommitted("b");   // position 2
        List<TrackedEventMessage<?>> seen = new ArrayList<>();
        TrackingToken token;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            events.forEach(seen::add);
        }
        slow.commit();
        token = seen.get(seen.size() - 1).trackingToken();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
            events.forEach(seen::add);
        }

        assertThat(seen).extracting(TrackedEventMessage::getIdentifier).containsExactly(second, first);
        // the late event's token stands at the highest index seen, 2: that is not where the event is stored
        assertThat(seen.get(1).trackingToken().position()).hasValue(2);
        assertThat(seen.stream().map(positions::of).collect(Collectors.toList())).containsExactly(2L, 1L);
    }

    @Test
    void anEventWhoseNoteIsGoneIsLookedUpByItsIdentifier() throws SQLException {
        insertCommitted("a");
        String second = insertCommitted("b");
        TrackedEventMessage<?> message = new GenericTrackedEventMessage<>(new GapAwareTrackingToken(7, Set.of()),
                new GenericEventMessage<>(new GenericEventMessage<>("x").getPayload(), java.util.Map.of()) {
                    @Override
                    public String getIdentifier() {
                        return second;
                    }
                });

        assertThat(new OwnPositions(dataSource, new EventSchema()).of(message)).isEqualTo(2);
    }

    @Test
    void axonServersTokenIsTheEventsOwn() {
        TrackedEventMessage<?> message = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(41),
                GenericEventMessage.asEventMessage("x"));
        assertThat(OwnPositions.ofAxonServer().of(message)).isEqualTo(41);
        assertThatThrownBy(() -> OwnPositions.ofAxonServer().of(new GenericTrackedEventMessage<>(
                new GapAwareTrackingToken(3, Set.of()), GenericEventMessage.asEventMessage("x"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRolledBackPositionNeverHoldsAReadersWriteNorUnsettlesTheHistory() throws SQLException {
        insertCommitted("a");                   // 1
        Connection refused = transaction();
        insert(refused, "a");                   // 2, then rolled back: a refused command
        refused.rollback();
        insertCommitted("b");                   // 3

        GapAwareTrackingToken seen = GapAwareTrackingToken.newInstance(3, Set.of(2L));
        assertThat(gaps.behind(List.of(seen), 3)).isEmpty();
        assertThat(gaps.settled(3)).isTrue();
    }

    @Test
    void aGapHoldingACommittedEventIsWaitedFor() throws SQLException {
        Connection slow = transaction();
        insert(slow, "a");                      // 1
        insertCommitted("b");                   // 2
        GapAwareTrackingToken seen = GapAwareTrackingToken.newInstance(2, Set.of(1L));

        // still open: it cannot be the reader's own write (that one committed before its answer)
        assertThat(gaps.behind(List.of(seen), 2)).isEmpty();
        // but the history below 2 is not settled: the event at 1 will still arrive
        assertThat(gaps.unsettled(2)).containsExactly(1L);
        assertThat(gaps.awaitSettled(2, Duration.ofMillis(50))).get().asString().contains("the lowest 1");

        slow.commit();
        assertThat(gaps.behind(List.of(seen), 2)).get().isEqualTo(
                "the event stored at position 1 is not handled yet (it committed after later events)");
        assertThat(gaps.settled(2)).isTrue();
        assertThat(gaps.behind(List.of(seen), 0)).isEmpty();
    }

    @Test
    void aProcessorBehindThePositionSaysHowFarItIs() {
        assertThat(gaps.behind(List.of(GapAwareTrackingToken.newInstance(1, Set.of())), 3)).get()
                .isEqualTo("it has handled events up to position 1");
        assertThat(gaps.behind(List.of(), 3)).get().isEqualTo("it has not started yet");
        assertThat(StoreGaps.ofAxonServer().behind(List.of(new GlobalSequenceTrackingToken(3)), 3)).isEmpty();
        assertThat(StoreGaps.ofAxonServer().settled(3)).isTrue();
    }

    private Connection transaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        open.add(connection);
        return connection;
    }

    private String insertCommitted(String aggregate) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return insert(connection, aggregate + "-" + UUID.randomUUID());
        }
    }

    private static String insert(Connection connection, String aggregate) throws SQLException {
        // now: Axon keeps no gaps below an event older than its gap timeout
        return EventRows.insert(connection, null, aggregate, java.time.Instant.now());
    }

    @SuppressWarnings("unused")
    private void sql(String sql) throws SQLException {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute(sql);
        }
    }
}
