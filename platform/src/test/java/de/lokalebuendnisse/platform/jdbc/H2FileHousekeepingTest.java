package de.lokalebuendnisse.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An H2 file written one commit per row with {@code WRITE_DELAY=0}, as the command side appends events, stays near
 * the size of its rows only with the housekeeping; without it nearly every chunk keeps a live page and the file grows
 * by tens of KB per row. The files here use {@code RETENTION_TIME=0} so that H2 may reuse a dead chunk's space at
 * once (the product keeps H2's 45 s: a test would have to wait that long).
 */
class H2FileHousekeepingTest {

    private static final int ROWS = 3000;
    private static final int PAYLOAD_BYTES = 600;
    /** Rows between two rounds of housekeeping in the stepped test (the thread runs every 250 ms in production). */
    private static final int ROWS_PER_ROUND = 100;

    @TempDir
    Path dir;

    @Test
    void roundsOfHousekeepingKeepTheFileWithinAFewTimesItsRows() throws Exception {
        long rowBytes;
        try (HikariDataSource pool = pool("kept")) {
            H2FileHousekeeping housekeeping = H2FileHousekeeping.start(pool, "test", Duration.ZERO, 80,
                    4 * 1024 * 1024);
            rowBytes = appendOneCommitEach(pool, ROWS, housekeeping);
            for (int round = 0; round < 50 && housekeeping.rewriteOnce(); round++) {
                // until the chunks are full enough
            }
            assertThat(rows(pool)).isEqualTo(ROWS);
            assertThat(setting(pool, "info.CHUNKS_FILL_RATE")).as("live share of the chunks, percent")
                    .isGreaterThanOrEqualTo(50);
            // while open: closing compacts the file for a moment, which hides how it grew
            assertThat(setting(pool, "info.FILE_SIZE")).as("file of %d rows of %d bytes", ROWS, rowBytes)
                    .isLessThan(6 * rowBytes);
        }
    }

    @Test
    void withoutHousekeepingTheSameRowsMakeAFileManyTimesTheirSize() throws Exception {
        long rowBytes;
        try (HikariDataSource pool = pool("grown")) {
            rowBytes = appendOneCommitEach(pool, ROWS, null);
            assertThat(setting(pool, "info.CHUNKS_FILL_RATE")).isLessThan(30);
            // what the first test guards against: if H2 compacted such a file by itself, no housekeeping were needed
            assertThat(setting(pool, "info.FILE_SIZE")).isGreaterThan(8 * rowBytes);
        }
    }

    @Test
    void theThreadRewritesByItselfAndStopsWhenClosed() throws Exception {
        try (HikariDataSource pool = pool("threaded")) {
            appendOneCommitEach(pool, ROWS, null);
            assertThat(setting(pool, "info.CHUNKS_FILL_RATE")).isLessThan(30);

            H2FileHousekeeping housekeeping = H2FileHousekeeping.start(pool, "test", Duration.ofMillis(20), 80,
                    4 * 1024 * 1024);
            try {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(setting(pool, "info.CHUNKS_FILL_RATE")).isGreaterThanOrEqualTo(50));
            } finally {
                housekeeping.close();
            }
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.getName().equals("h2-housekeeping-test"));
            assertThat(rows(pool)).isEqualTo(ROWS);
        }
    }

    @Test
    void aProcessThatDoesNotHostTheFileLeavesItAlone() throws Exception {
        // another process hosting the file, as with AUTO_SERVER: this one's sessions are remote
        Server host = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        try (HikariDataSource remote = pool("jdbc:h2:tcp://localhost:" + host.getPort() + "/./remote", "remote")) {
            appendOneCommitEach(remote, 500, null);
            H2FileHousekeeping housekeeping = H2FileHousekeeping.start(remote, "test", Duration.ZERO, 80,
                    4 * 1024 * 1024);

            assertThat(housekeeping.rewriteOnce()).isFalse();
            assertThat(rows(remote)).isEqualTo(500);
        } finally {
            host.stop();
        }
    }

    private HikariDataSource pool(String name) {
        return pool("jdbc:h2:file:" + dir.resolve(name), name);
    }

    private static HikariDataSource pool(String url, String name) {
        HikariDataSource pool = EmbeddedPools.open(url + ";MODE=PostgreSQL;WRITE_DELAY=0;RETENTION_TIME=0", "sa", "",
                2, name);
        try (Connection connection = pool.getConnection(); Statement create = connection.createStatement()) {
            // like Axon's event table: a position, a random unique id, the stream, a payload
            create.execute("CREATE TABLE events (globalIndex BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                    + "eventIdentifier VARCHAR(255) NOT NULL UNIQUE, aggregateIdentifier VARCHAR(255) NOT NULL, "
                    + "sequenceNumber BIGINT NOT NULL, payload BYTEA NOT NULL, "
                    + "UNIQUE (aggregateIdentifier, sequenceNumber))");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pool;
    }

    /** Appends {@code count} rows, one transaction each; a round of housekeeping every few if given. */
    private static long appendOneCommitEach(HikariDataSource pool, int count, H2FileHousekeeping housekeeping)
            throws SQLException {
        Random random = new Random(11);
        long bytes = 0;
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO events (eventIdentifier, "
                     + "aggregateIdentifier, sequenceNumber, payload) VALUES (?, ?, ?, ?)")) {
            for (int row = 0; row < count; row++) {
                String id = new UUID(random.nextLong(), random.nextLong()).toString();
                String aggregate = "buendnis:" + new UUID(random.nextLong(), random.nextLong());
                byte[] payload = new byte[PAYLOAD_BYTES];
                random.nextBytes(payload);
                insert.setString(1, id);
                insert.setString(2, aggregate);
                insert.setLong(3, 0);
                insert.setBytes(4, payload);
                insert.executeUpdate();
                bytes += 8 + id.length() + aggregate.length() + 8 + payload.length;
                if (housekeeping != null && row % ROWS_PER_ROUND == ROWS_PER_ROUND - 1) {
                    housekeeping.rewriteOnce();
                }
            }
        }
        return bytes;
    }

    private static long rows(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement select = connection.createStatement();
             ResultSet result = select.executeQuery("SELECT COUNT(*) FROM events")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long setting(HikariDataSource pool, String name) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            select.setString(1, name);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return Long.parseLong(result.getString(1));
            }
        }
    }
}
