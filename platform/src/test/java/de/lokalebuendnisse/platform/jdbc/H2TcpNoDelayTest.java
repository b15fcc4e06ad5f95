package de.lokalebuendnisse.platform.jdbc;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.server.TcpServer;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections over H2's TCP server get TCP_NODELAY on both ends: the server's side of every connection once a sweep
 * has run (and of later ones as H2 accepts them), the client's side as the pool opens it. Guards the reflection on
 * H2's internals: a changed H2 fails here, not silently slow.
 */
class H2TcpNoDelayTest {

    private Server server;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection connection : connections) {
            connection.close();
        }
        server.stop();
    }

    private String url() {
        return "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:nodelay-" + System.nanoTime();
    }

    private Connection opened(Connection connection) throws Exception {
        connections.add(connection);
        try (ResultSet answer = connection.createStatement().executeQuery("SELECT 1")) {
            assertThat(answer.next()).isTrue();
        }
        return connection;
    }

    @Test
    void aSweepSetsTheOptionOnTheServersOpenConnectionsAndOnThoseItAcceptsLater() throws Exception {
        opened(DriverManager.getConnection(url(), "sa", ""));

        H2TcpNoDelay.sweep();
        assertThat(H2TcpNoDelay.serverSockets()).isNotEmpty().allSatisfy(socket ->
                assertThat(socket.getTcpNoDelay()).isTrue());

        Field running = TcpServer.class.getDeclaredField("running");
        running.setAccessible(true);
        assertThat(running.get(server.getService()).getClass().getSimpleName()).isEqualTo("SettingOnAdd");
        opened(DriverManager.getConnection(url(), "sa", ""));
        assertThat(H2TcpNoDelay.serverSockets()).hasSize(2).allSatisfy(socket ->
                assertThat(socket.getTcpNoDelay()).as("set as the server accepted it").isTrue());
    }

    @Test
    void thePoolsConnectionsToAnotherProcesssServerGetTheOptionAsTheyOpen() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url());
        h2.setUser("sa");
        h2.setPassword("");
        DataSource clients = H2TcpNoDelay.clientsOf(h2);

        Connection connection = opened(clients.getConnection());

        List<Socket> sockets = H2TcpNoDelay.clientSockets(connection);
        assertThat(sockets).isNotEmpty().allSatisfy(socket -> assertThat(socket.getTcpNoDelay()).isTrue());
        assertThat(clients.isWrapperFor(JdbcDataSource.class)).isTrue();
    }

    @Test
    void withoutItH2LeavesNaglesAlgorithmOn() throws Exception {
        Connection plain = opened(DriverManager.getConnection(url(), "sa", ""));

        // what this class exists for; should H2 ever set the option itself, this class can go
        assertThat(H2TcpNoDelay.clientSockets(plain)).allSatisfy(socket ->
                assertThat(socket.getTcpNoDelay()).isFalse());
    }
}
