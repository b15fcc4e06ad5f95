package de.lokalebuendnisse.platform.jdbc;

import org.h2.engine.SessionRemote;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool's connection to another process's H2 server reads its answers through {@link H2ClientReads}' buffer, and
 * gets the same answers as a connection reading as H2 does. Guards the reflection on H2's internals: a changed H2
 * fails here, not silently slow.
 */
class H2ClientReadsTest {

    private Server server;
    private String url;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:client-reads-" + System.nanoTime();
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection connection : connections) {
            connection.close();
        }
        server.stop();
    }

    @Test
    void aPoolsConnectionToAnotherProcesssServerReadsThroughTheBufferAndGetsH2sOwnAnswers() throws Exception {
        Connection plain = kept(DriverManager.getConnection(url, "sa", ""));
        fill(plain);
        Connection pooled = kept(pool().getConnection());

        assertThat(H2ClientReads.unsynchronized(session(pooled))).isTrue();
        List<List<Object>> expected = rows(plain);
        assertThat(expected).hasSize(ROWS + 2);
        assertThat(rows(pooled)).isEqualTo(expected);
        // a second query on the same connection starts where the first answer ended
        assertThat(rows(pooled)).isEqualTo(expected);
    }

    @Test
    void aConnectionIsChangedOnce() throws Exception {
        Connection pooled = kept(pool().getConnection());

        assertThat(H2ClientReads.unsynchronize(session(pooled))).isZero();
        assertThat(H2ClientReads.unsynchronized(session(pooled))).isTrue();
    }

    @Test
    void withoutItH2ReadsThroughItsOwnStream() throws Exception {
        Connection plain = kept(DriverManager.getConnection(url, "sa", ""));

        // what the class exists for; a connection it did not change reads as H2 does
        assertThat(H2ClientReads.unsynchronized(session(plain))).isFalse();
    }

    @Test
    void theBufferHandsOutEveryByteOnceAndInOrderHoweverItIsRead() throws IOException {
        Random random = new Random(20231122);
        byte[] data = new byte[3 * H2ClientReads.BLOCK + 12_345];
        random.nextBytes(data);
        // a source that answers in small, uneven pieces, as a socket may
        InputStream source = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                return super.read(target, offset, Math.min(length, 1 + random.nextInt(700)));
            }
        };
        H2ClientReads.Unsynchronized buffer = new H2ClientReads.Unsynchronized(source);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int skipped = 0;
        while (true) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                int one = buffer.read();
                if (one < 0) {
                    break;
                }
                read.write(one);
            } else if (kind < 9) {
                // now and then more than a whole block at once
                byte[] part = new byte[kind == 8 ? H2ClientReads.BLOCK + 10 : 1 + random.nextInt(300)];
                int length = buffer.read(part, 0, part.length);
                if (length < 0) {
                    break;
                }
                read.write(part, 0, length);
            } else {
                assertThat(buffer.available()).isNotNegative();
                long skip = buffer.skip(1 + random.nextInt(5));
                read.write(data, read.size(), (int) skip);
                skipped += (int) skip;
            }
        }
        assertThat(read.size()).isEqualTo(data.length);
        assertThat(Arrays.equals(read.toByteArray(), data)).as("every byte once, in order (%d skipped)", skipped)
                .isTrue();
        assertThat(buffer.read(new byte[4], 0, 4)).isEqualTo(-1);
    }

    private static final int ROWS = 3000;

    /** Texts of every length and script (surrogate pairs too), nulls, and values larger than the buffer. */
    private static void fill(Connection connection) throws Exception {
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, text VARCHAR(1000000), bytes VARBINARY(1000000))");
        }
        Random random = new Random(7);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
            for (int id = 0; id < ROWS; id++) {
                insert.setLong(1, id);
                insert.setString(2, text(random, random.nextInt(120)));
                byte[] bytes = new byte[random.nextInt(1200)];
                random.nextBytes(bytes);
                insert.setBytes(3, bytes);
                insert.addBatch();
            }
            insert.executeBatch();
            insert.setLong(1, ROWS);
            insert.setString(2, text(random, 3 * H2ClientReads.BLOCK));
            insert.setBytes(3, new byte[5 * H2ClientReads.BLOCK]);
            insert.execute();
            insert.setLong(1, ROWS + 1);
            insert.setString(2, null);
            insert.setBytes(3, null);
            insert.execute();
        }
    }

    private static String text(Random random, int length) {
        String alphabet = "aäöüßÄÖÜ-Bündnis 0123456789€\u00e9\ud83d\udc68\u200d\ud83d\udc69";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static List<List<Object>> rows(Connection connection) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement select = connection.createStatement();
             ResultSet result = select.executeQuery("SELECT id, text, bytes FROM t ORDER BY id")) {
            while (result.next()) {
                byte[] bytes = result.getBytes(3);
                rows.add(Arrays.asList(result.getLong(1), result.getString(2),
                        bytes == null ? null : Arrays.toString(bytes)));
            }
        }
        return rows;
    }

    private DataSource pool() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        h2.setPassword("");
        return H2TcpNoDelay.clientsOf(h2);
    }

    private Connection kept(Connection connection) {
        connections.add(connection);
        return connection;
    }

    private static SessionRemote session(Connection connection) throws Exception {
        return (SessionRemote) connection.unwrap(JdbcConnection.class).getSession();
    }
}
