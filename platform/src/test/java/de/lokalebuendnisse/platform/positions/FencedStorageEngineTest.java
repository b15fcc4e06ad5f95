package de.lokalebuendnisse.platform.positions;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage engine hands out for tracking only events the store's file holds. The host dying between a read and
 * the fence is played by the fence's data source: its first connection (the checkpoint) deletes the last event read,
 * as a new host that opened the file without it would not have it.
 */
class FencedStorageEngineTest {

    private JdbcDataSource store;
    private Connection keepAlive;
    private final List<String> happened = new ArrayList<>();
    private Runnable onFirstFenceConnection = () -> { };

    @BeforeEach
    void openStore() throws SQLException {
        store = EventRows.memoryStore("fenced");
        keepAlive = store.getConnection();
    }

    @AfterEach
    void closeStore() throws SQLException {
        keepAlive.close();
    }

    @Test
    void aFetchedBatchIsHandedOutOnlyAfterTheStoreConfirmedIt() throws SQLException {
        JdbcEventStorageEngine engine = engine();
        String first = insert("a");
        String second = insert("b");

        List<String> read = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            events.forEach(event -> {
                happened.add("handed out");
                read.add(event.getIdentifier());
            });
        }

        assertThat(read).containsExactly(first, second);
        assertThat(happened).as("checkpoint and confirmation, then the events")
                .startsWith("fence", "fence", "handed out", "handed out");
    }

    @Test
    void eventsTheHostDiedBeforeWritingAreNotHandedOutAndTheReaderStaysBeforeThem() throws SQLException {
        JdbcEventStorageEngine engine = engine();
        String kept = insert("a");
        String lost = insert("b");
        long lostPosition = positionOf(lost);
        onFirstFenceConnection = () -> sql("DELETE FROM DomainEventEntry WHERE eventIdentifier = '" + lost + "'");

        List<String> read = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
                events.forEach(event -> read.add(event.getIdentifier()));
            }
        }).hasMessageContaining("no longer holds 1 of the 2 events just read");
        assertThat(read).as("not even the event the store kept is handed out from that fetch").isEmpty();

        // read again, as Axon's producer or a processor does from its last token
        List<TrackedEventMessage<?>> again = readAll(engine, null);
        assertThat(again).extracting(TrackedEventMessage::getIdentifier).containsExactly(kept);

        // the restarted host stores a new event where the lost one was: the reader's token has not passed it
        String written = insertAt(lostPosition, "c");
        assertThat(readAll(engine, again.get(0).trackingToken())).extracting(TrackedEventMessage::getIdentifier)
                .containsExactly(written);
    }

    @Test
    void anEventThatFillsAGapIsConfirmedAtItsOwnPositionNotAtItsTokens() throws SQLException {
        JdbcEventStorageEngine engine = engine();
        String first = insertAt(1L, "a");
        String third = insertAt(3L, "c");
        List<TrackedEventMessage<?>> before = readAll(engine, null);
        assertThat(before).extracting(TrackedEventMessage::getIdentifier).containsExactly(first, third);

        // committed late into the gap it left: its token stands at 3, the row at 2
        String second = insertAt(2L, "b");
        List<TrackedEventMessage<?>> late = readAll(engine, before.get(1).trackingToken());

        assertThat(late).extracting(TrackedEventMessage::getIdentifier).containsExactly(second);
        assertThat(happened).as("each fetch with rows was fenced").contains("fence");
    }

    @Test
    void aReadThatCannotReachTheStoreIsMadeAgainUntilTheStoreAnswers() throws SQLException {
        AtomicInteger failuresLeft = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        JdbcEventStorageEngine engine = engineOn(failing(failuresLeft, attempts,
                () -> new SQLNonTransientConnectionException("Connection is broken: \"session closed\"", "08006")),
                Duration.ofSeconds(10));
        String first = insert("a");
        String second = insert("b");
        failuresLeft.set(3);
        attempts.set(0);

        assertThat(readAll(engine, null)).extracting(TrackedEventMessage::getIdentifier)
                .containsExactly(first, second);
        assertThat(attempts.get()).as("three failed, then one read").isGreaterThanOrEqualTo(4);
    }

    @Test
    void aFailureOtherThanALostConnectionReachesAxonAtOnce() throws SQLException {
        AtomicInteger failuresLeft = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        JdbcEventStorageEngine engine = engineOn(failing(failuresLeft, attempts,
                () -> new SQLSyntaxErrorException("Syntax error in SQL statement", "42000")), Duration.ofSeconds(10));
        insert("a");
        failuresLeft.set(1);
        attempts.set(0);

        assertThatThrownBy(() -> readAll(engine, null)).hasRootCauseInstanceOf(SQLSyntaxErrorException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void aStoreStillAwayAfterThePatienceIsReportedToAxon() throws SQLException {
        AtomicInteger failuresLeft = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        JdbcEventStorageEngine engine = engineOn(failing(failuresLeft, attempts,
                () -> new SQLTransientConnectionException("event-store - Connection is not available")),
                Duration.ofMillis(400));
        insert("a");
        failuresLeft.set(Integer.MAX_VALUE);
        attempts.set(0);

        long started = System.nanoTime();
        assertThatThrownBy(() -> readAll(engine, null))
                .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(attempts.get()).as("read again before giving up").isGreaterThan(1);
        assertThat(took).isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
    }

    /** Connections from the store, but the next {@code failuresLeft} attempts fail with {@code failure}. */
    private ConnectionProvider failing(AtomicInteger failuresLeft, AtomicInteger attempts,
                                       Supplier<SQLException> failure) {
        return () -> {
            attempts.incrementAndGet();
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw failure.get();
            }
            return store.getConnection();
        };
    }

    private JdbcEventStorageEngine engineOn(ConnectionProvider connections, Duration hostPatience) {
        FencedStorageEngine engine = new FencedStorageEngine(EventRows.engineBuilder(connections),
                new OwnPositions(store, new EventSchema()), new StoreFence(store, new EventSchema()), hostPatience);
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    private JdbcEventStorageEngine engine() {
        DataSource fenceSide = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        happened.add("fence");
                        Runnable once = onFirstFenceConnection;
                        onFirstFenceConnection = () -> { };
                        once.run();
                    }
                    return method.invoke(store, arguments);
                });
        OwnPositions positions = new OwnPositions(store, new EventSchema());
        JdbcEventStorageEngine engine = positions.engine(EventRows.engineBuilder(store::getConnection),
                new StoreFence(fenceSide, new EventSchema()));
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    private static List<TrackedEventMessage<?>> readAll(JdbcEventStorageEngine engine, TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            return new ArrayList<>(events.toList());
        }
    }

    private String insert(String aggregate) throws SQLException {
        return insertAt(null, aggregate);
    }

    private String insertAt(Long position, String aggregate) throws SQLException {
        return EventRows.insert(keepAlive, position, aggregate + "-" + UUID.randomUUID(), Instant.now());
    }

    private long positionOf(String eventIdentifier) throws SQLException {
        try (Statement statement = keepAlive.createStatement();
             var rows = statement.executeQuery("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = '"
                     + eventIdentifier + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void sql(String sql) {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
