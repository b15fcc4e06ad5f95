package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage engine drops the gaps of a token that stay empty as Axon's own engine does (same tokens handed out,
 * on stores made at random), but reads the rows between the gaps once per token instead of at every fetch, and
 * still reads an event that commits late into a gap it had dropped.
 */
class GapCleaningTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final String PASS_SQL = "SELECT globalIndex, timeStamp FROM DomainEventEntry";

    private JdbcDataSource store;
    private Connection keepAlive;
    private final Clock axonClock = GenericEventMessage.clock;
    private final AtomicInteger passes = new AtomicInteger();

    @BeforeEach
    void openStore() throws SQLException {
        store = EventRows.memoryStore("gaps");
        keepAlive = store.getConnection();
        axonsEngine();
        GenericEventMessage.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @AfterEach
    void closeStore() throws SQLException {
        GenericEventMessage.clock = axonClock;
        keepAlive.close();
    }

    @Test
    void theTokensHandedOutAreAxonsOwnOnStoresMadeAtRandom() throws SQLException {
        Random random = new Random(20261207);
        for (int round = 0; round < 40; round++) {
            sql("DROP TABLE IF EXISTS DomainEventEntry");
            sql("DROP TABLE IF EXISTS SnapshotEventEntry");
            JdbcEventStorageEngine axon = axonsEngine();
            JdbcEventStorageEngine ours = fencedEngine();
            int positions = 300 + random.nextInt(1200);
            double gapShare = 0.1 + random.nextDouble() * 0.5;
            int youngFrom = random.nextInt(4) == 0 ? positions + 1 : random.nextInt(positions);
            SortedSet<Long> gaps = new TreeSet<>();
            for (long position = 1; position <= positions; position++) {
                if (position > 1 && random.nextDouble() < gapShare) {
                    gaps.add(position);
                    continue;
                }
                // mostly old before youngFrom and young after it, with a few rows out of that order
                boolean young = position >= youngFrom ^ random.nextInt(40) == 0;
                insertAt(position, young ? NOW.minusSeconds(random.nextInt(59))
                        : NOW.minusSeconds(61 + random.nextInt(600)));
            }
            long index = positions;
            while (gaps.contains(index)) {
                gaps.remove(index--);
            }
            GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(index, gaps);
            // events committed late into some gaps, and one after the token's position
            for (Long gap : new ArrayList<>(gaps)) {
                if (random.nextInt(60) == 0) {
                    insertAt(gap, random.nextBoolean() ? NOW.minusSeconds(5) : NOW.minusSeconds(120));
                }
            }
            insertAt(index + 1, NOW);

            List<String> expected = exactly(tokensRead(axon, token));
            assertThat(exactly(tokensRead(ours, token))).as("round %d, %d gaps", round, gaps.size())
                    .isEqualTo(expected);
            assertThat(exactly(tokensRead(ours, token))).as("round %d again, from what was remembered", round)
                    .isEqualTo(expected);
        }
    }

    @Test
    void anIdleReaderHasTheRowsBetweenItsGapsReadOnceNotAtEveryFetch() throws SQLException {
        GapAwareTrackingToken token = oldGaps(300);
        JdbcEventStorageEngine engine = fencedEngine();

        for (int fetch = 0; fetch < 10; fetch++) {
            assertThat(tokensRead(engine, token)).as("nothing new to read").isEmpty();
        }

        assertThat(passes.get()).as("the rows between the gaps were read once").isEqualTo(1);
    }

    @Test
    void anEventCommittedLateIntoAGapThatWasDroppedIsStillRead() throws SQLException {
        GapAwareTrackingToken token = oldGaps(300);
        JdbcEventStorageEngine engine = fencedEngine();
        assertThat(tokensRead(engine, token)).isEmpty();

        long dropped = token.getGaps().first();
        String late = insertAt(dropped, NOW.minusSeconds(600));
        List<TrackedEventMessage<?>> read = eventsRead(engine, token);

        assertThat(read).extracting(TrackedEventMessage::getIdentifier).containsExactly(late);
        assertThat(passes.get()).as("read again for the same token (the late event stopped it before any gap), then"
                + " once for the token after the late event").isEqualTo(3);
    }

    @Test
    void gapsTooYoungToDropAreDroppedOnceTheyAreOldEnough() throws SQLException {
        SortedSet<Long> gaps = new TreeSet<>();
        for (long position = 1; position <= 601; position++) {
            if (position % 2 == 0) {
                gaps.add(position);
            } else {
                insertAt(position, NOW.minusSeconds(10));
            }
        }
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(601, gaps);
        insertAt(602, NOW);
        JdbcEventStorageEngine engine = fencedEngine();

        assertThat(gapsOfFirstRead(engine, token)).as("10 s old: kept").hasSize(300);
        GenericEventMessage.clock = Clock.fixed(NOW.plus(Duration.ofSeconds(49)), ZoneOffset.UTC);
        assertThat(gapsOfFirstRead(engine, token)).as("59 s old: still kept").hasSize(300);
        GenericEventMessage.clock = Clock.fixed(NOW.plus(Duration.ofSeconds(51)), ZoneOffset.UTC);
        assertThat(gapsOfFirstRead(engine, token)).as("61 s old: all but the last dropped, as Axon does")
                .containsExactly(600L);
    }

    /** A token at 2 x {@code count} + 1 whose even positions are gaps, every row ten minutes old. */
    private GapAwareTrackingToken oldGaps(int count) throws SQLException {
        SortedSet<Long> gaps = new TreeSet<>();
        for (long position = 1; position <= 2L * count + 1; position++) {
            if (position % 2 == 0) {
                gaps.add(position);
            } else {
                insertAt(position, NOW.minusSeconds(600));
            }
        }
        return GapAwareTrackingToken.newInstance(2L * count + 1, gaps);
    }

    /** Index and every gap: Axon's tokens are equal when they differ only in gaps below a truncation point. */
    private static List<String> exactly(List<TrackingToken> tokens) {
        return tokens.stream().map(GapAwareTrackingToken.class::cast)
                .map(token -> token.getIndex() + " " + token.getGaps()).toList();
    }

    private static SortedSet<Long> gapsOfFirstRead(JdbcEventStorageEngine engine, TrackingToken from) {
        return ((GapAwareTrackingToken) tokensRead(engine, from).get(0)).getGaps();
    }

    private static List<TrackingToken> tokensRead(JdbcEventStorageEngine engine, TrackingToken from) {
        return eventsRead(engine, from).stream().<TrackingToken>map(TrackedEventMessage::trackingToken).toList();
    }

    private static List<TrackedEventMessage<?>> eventsRead(JdbcEventStorageEngine engine, TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            return new ArrayList<>(events.toList());
        }
    }

    private JdbcEventStorageEngine axonsEngine() {
        JdbcEventStorageEngine engine = EventRows.engineBuilder(store::getConnection).build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    private JdbcEventStorageEngine fencedEngine() {
        OwnPositions positions = new OwnPositions(store, new EventSchema());
        JdbcEventStorageEngine engine = positions.engine(EventRows.engineBuilder(this::countingPasses),
                new StoreFence(store, new EventSchema()));
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    /** A connection of the store that counts the statements reading the rows between a token's gaps. */
    private Connection countingPasses() throws SQLException {
        Connection connection = store.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement") && arguments[0] instanceof String sql
                            && sql.startsWith(PASS_SQL)) {
                        passes.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private String insertAt(long position, Instant written) throws SQLException {
        return EventRows.insert(keepAlive, position, "a-" + UUID.randomUUID(), written);
    }

    private void sql(String sql) throws SQLException {
        try (var statement = keepAlive.createStatement()) {
            statement.execute(sql);
        }
    }
}
