package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's batch read with gaps in its token: the same events in the same order as Axon's statement, each part
 * answered from the primary index (H2's plan), on an H2 store in PostgreSQL mode as the embedded default runs it.
 */
class IndexedGapReadsTest {

    private static final EventSchema SCHEMA = new EventSchema();
    /** An index named in a plan, with or without the condition it is searched by. */
    private static final Pattern INDEX_IN_PLAN = Pattern.compile("/\\* PUBLIC\\.(\\w+)(:?)");

    private Connection connection;
    private final List<Long> stored = new ArrayList<>();

    @BeforeEach
    void storeWithGaps() throws SQLException {
        JdbcDataSource dataSource = EventRows.memoryStore("gaps");
        connection = dataSource.getConnection();
        try (PreparedStatement create = PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, SCHEMA)) {
            create.executeUpdate();
        }
        Random random = new Random(11);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA.domainEventTable()
                + " (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,"
                + " payloadRevision, payload, metaData) VALUES (?, ?, ?, ?, 'Buendnis', '2026-12-05T10:00:00Z',"
                + " 'Registered', '1', ?, ?)")) {
            for (long index = 1; index <= 400; index++) {
                if (random.nextInt(7) == 0) {
                    continue; // an index taken by an append that failed: a gap for good
                }
                insert.setLong(1, index);
                insert.setString(2, "event-" + index);
                insert.setString(3, "buendnis-" + index);
                insert.setLong(4, 0);
                insert.setBytes(5, ("{\"n\":" + index + "}").getBytes(StandardCharsets.UTF_8));
                insert.setBytes(6, "{}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
                stored.add(index);
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void readsTheSameEventsInTheSameOrderAsAxonsStatement() throws SQLException {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            long position = 20 + random.nextInt(380);
            int batchSize = 1 + random.nextInt(100);
            List<Long> gaps = new ArrayList<>();
            for (long below = Math.max(1, position - 60); below < position; below++) {
                if (random.nextInt(4) == 0) {
                    gaps.add(below); // some are stored now (filled), some still missing
                }
            }
            if (gaps.isEmpty()) {
                gaps.add(position - 1);
            }
            assertThat(positionsRead(new IndexedGapReads(), position, batchSize, gaps))
                    .as("token at %d with gaps %s, batch %d", position, gaps, batchSize)
                    .isEqualTo(positionsRead(JdbcEventStorageEngineStatements::readEventDataWithGaps, position,
                            batchSize, gaps))
                    .isNotEmpty();
        }
    }

    @Test
    void aGapAboveThePositionIsReadOnceNotTwice() throws SQLException {
        assertThat(positionsRead(new IndexedGapReads(), 100, 10, List.of(95L, 103L)))
                .doesNotHaveDuplicates()
                .isEqualTo(positionsRead(JdbcEventStorageEngineStatements::readEventDataWithGaps, 100, 10,
                        List.of(95L, 103L)));
    }

    @Test
    void bothPartsAreAnsweredFromThePrimaryIndexWhereAxonsStatementReadsTheWholeTable() throws SQLException {
        List<Long> gaps = List.of(350L, 351L, 360L);
        List<String> indexed = indexesUsed(planOf(new IndexedGapReads(), 370, 100, gaps));
        assertThat(indexed).hasSize(2).allSatisfy(index -> assertThat(index).endsWith(":"));

        // the check itself, on the statement this replaces: the one table access names no condition
        assertThat(indexesUsed(planOf(JdbcEventStorageEngineStatements::readEventDataWithGaps, 370, 100, gaps)))
                .singleElement().satisfies(index -> assertThat(index).doesNotEndWith(":"));
    }

    private List<Long> positionsRead(ReadEventDataWithGapsStatementBuilder statements, long position, int batchSize,
                                     List<Long> gaps) throws SQLException {
        List<Long> read = new ArrayList<>();
        try (PreparedStatement statement = statements.build(connection, SCHEMA, position, batchSize, gaps);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                read.add(result.getLong(SCHEMA.globalIndexColumn()));
            }
        }
        return read;
    }

    /** H2's plan of the statement {@code statements} builds, with the same parameters. */
    private String planOf(ReadEventDataWithGapsStatementBuilder statements, long position, int batchSize,
                          List<Long> gaps) throws SQLException {
        List<String> prepared = new ArrayList<>();
        Connection recording = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement")) {
                        prepared.add((String) arguments[0]);
                        return connection.prepareStatement("EXPLAIN " + arguments[0]);
                    }
                    return method.invoke(connection, arguments);
                });
        try (PreparedStatement explain = statements.build(recording, SCHEMA, position, batchSize, gaps);
             ResultSet plan = explain.executeQuery()) {
            assertThat(prepared).hasSize(1);
            plan.next();
            return plan.getString(1);
        }
    }

    /** Each table access of the plan: the index's name, followed by ":" when it is searched by a condition. */
    private static List<String> indexesUsed(String plan) {
        List<String> indexes = new ArrayList<>();
        Matcher matcher = INDEX_IN_PLAN.matcher(plan);
        while (matcher.find()) {
            indexes.add(matcher.group(1) + matcher.group(2));
        }
        return indexes;
    }
}
