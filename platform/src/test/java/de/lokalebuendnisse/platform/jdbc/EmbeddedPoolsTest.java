package de.lokalebuendnisse.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pool of an embedded store outlives H2 closing the database under it: the dead connections are evicted and the
 * next ones open the file again. The tests use H2's plain {@code file:} system, on which an interrupt closes the
 * database, to have a database closed under the pool at all.
 */
class EmbeddedPoolsTest {

    private static final int POOL_SIZE = 3;

    @TempDir
    Path dir;

    @Test
    void the_pool_writes_again_after_the_database_was_shut_down_under_it() throws Exception {
        try (HikariDataSource pool = pool()) {
            createTableOnEveryConnection(pool);
            Connection one = pool.getConnection();
            try (Statement shutdown = one.createStatement()) {
                shutdown.execute("SHUTDOWN");
            }
            try {
                one.close();
            } catch (SQLException alreadyClosed) {
                // handing a shut-down connection back fails too; the pool must cope with that as well
            }
            List<Boolean> outcomes = insertSeveralTimes(pool, 3 * POOL_SIZE);

            assertThat(outcomes.subList(POOL_SIZE, outcomes.size()))
                    .as("every dead connection fails once at most, then the pool opens new ones")
                    .containsOnly(true);
        }
    }

    @Test
    void the_pool_writes_again_after_an_interrupted_write_made_h2_close_the_database() throws Exception {
        try (HikariDataSource pool = pool()) {
            createTableOnEveryConnection(pool);
            Thread.currentThread().interrupt();
            boolean interruptedWrite;
            try {
                interruptedWrite = insert(pool);
            } finally {
                Thread.interrupted();
            }
            List<Boolean> outcomes = insertSeveralTimes(pool, 3 * POOL_SIZE);

            assertThat(interruptedWrite).as("on plain file: the interrupt closed the database").isFalse();
            assertThat(outcomes.subList(POOL_SIZE, outcomes.size())).containsOnly(true);
        }
    }

    @Test
    void a_pool_opened_before_its_store_can_be_reached_waits_for_it_instead_of_failing_the_start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Server host = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists");
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(2_500);
                host.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        later.start();
        long start = System.nanoTime();
        try (HikariDataSource pool = EmbeddedPools.open("jdbc:h2:tcp://localhost:" + port + "/mem:later", "sa", "", 2,
                "later", Duration.ofSeconds(20))) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(statement.executeUpdate("CREATE TABLE t (n INT)")).isZero();
            }
        } finally {
            later.join();
            host.stop();
        }
    }

    @Test
    void a_pool_whose_store_stays_unreachable_still_fails_the_start_once_its_patience_is_over() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> EmbeddedPools.open("jdbc:h2:tcp://localhost:" + port + "/mem:never", "sa", "", 2,
                "never", Duration.ofSeconds(2)))
                .isInstanceOf(HikariPool.PoolInitializationException.class);
        // H2's client tries a refused connection several times itself, so one attempt takes a while already
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(EmbeddedPools.OPENING_PATIENCE).as("what the services get").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void an_error_that_leaves_the_database_open_is_left_to_the_pool() {
        EmbeddedPools.EvictClosedDatabase override = new EmbeddedPools.EvictClosedDatabase();

        assertThat(override.adjudicate(new SQLException("duplicate key", "23505", 23505)))
                .isEqualTo(com.zaxxer.hikari.SQLExceptionOverride.Override.CONTINUE_EVICT);
        assertThat(override.adjudicate(new SQLException("wrapped", "HY000", 50000,
                new SQLException("The database has been closed", "90098", 90098))))
                .isEqualTo(com.zaxxer.hikari.SQLExceptionOverride.Override.MUST_EVICT);
    }

    private HikariDataSource pool() {
        return EmbeddedPools.open("jdbc:h2:file:" + dir.resolve("store") + ";MODE=PostgreSQL;WRITE_DELAY=0",
                "sa", "", POOL_SIZE, "closed-under-the-pool");
    }

    /** Every pooled connection has been used, so each of them is dead once the database closes. */
    private static void createTableOnEveryConnection(HikariDataSource pool) throws SQLException {
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection connection = pool.getConnection();
                all.add(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS writes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, payload VARCHAR(2000))");
                }
            }
        } finally {
            for (Connection connection : all) {
                connection.close();
            }
        }
    }

    /** Back to back, within Hikari's window (500 ms) in which it hands out a used connection without a check. */
    private static List<Boolean> insertSeveralTimes(HikariDataSource pool, int times) {
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            outcomes.add(insert(pool));
        }
        return outcomes;
    }

    private static boolean insert(HikariDataSource pool) {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO writes (payload) VALUES (?)")) {
            insert.setString(1, "x".repeat(1500));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
