package de.lokalebuendnisse.platform.jdbc;

import org.h2.engine.SessionRemote;
import org.h2.jdbc.JdbcConnection;
import org.h2.server.TcpServer;
import org.h2.value.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Nagle's algorithm off ({@code TCP_NODELAY}) on the sockets over which the services share the embedded event
 * store: H2's TCP server, which an {@code AUTO_SERVER} store starts in whichever process opened the file first, and the
 * other processes' connections to it.
 * <p>
 * Why: H2 leaves Nagle's algorithm on. The server writes a result in several small writes, and each after the first
 * waits for the reader's acknowledgement, which the reader delays (up to 40 ms on Linux). Measured on the seed's
 * 45,997 events, read in batches of 100 as Axon does: 13.3 s over the server (29 ms a batch) against 0.2 to 0.4 s in
 * the file's own process and 0.4 to 0.6 s over the server with this option; the auditors' replay took 18.5 s beside
 * the command service (which hosted the file) against 8.4 s alone.
 * <p>
 * H2 has no setting for it, so it is set from outside: the server keeps its connections in a set, which is replaced by
 * one that sets the option on each new connection's socket before that connection's thread starts; a connection of
 * this process to another's server is set when the pool opens it. A sweep every second catches what those two miss:
 * a server this process starts later (when the process hosting the file stops, the next one to open it hosts it) and
 * a connection H2 reopened by itself. All of it reaches H2's internals by reflection ({@code TcpServer.SERVERS},
 * {@code running}, {@code TcpServerThread.transfer}, {@code SessionRemote.transferList}): should a later H2 change
 * them, one warning is logged and the sockets stay as H2 leaves them (slow, not wrong); {@code H2TcpNoDelayTest}
 * fails then.
 */
public final class H2TcpNoDelay {

    private static final Logger LOG = LoggerFactory.getLogger(H2TcpNoDelay.class);
    private static final AtomicBoolean SWEEPING = new AtomicBoolean();
    /** Sessions of this process's connections to another process's server; weakly, as the pool closes them. */
    private static final Set<SessionRemote> CLIENTS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    private static volatile boolean unavailable;

    private H2TcpNoDelay() {
    }

    /**
     * {@code h2} whose connections have the option set when they are connected over TCP, and read their answers
     * without a lock per byte ({@link H2ClientReads}); starts the sweep.
     */
    public static DataSource clientsOf(DataSource h2) {
        keepSet();
        return new ClientSide(h2);
    }

    /** Starts the sweep once for this process (a daemon thread). */
    public static void keepSet() {
        if (SWEEPING.compareAndSet(false, true)) {
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "h2-tcp-nodelay");
                thread.setDaemon(true);
                return thread;
            });
            sweeper.scheduleWithFixedDelay(H2TcpNoDelay::sweep, 0, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Sets the option on every open connection of every H2 TCP server in this process (and on the ones to come) and
     * on this process's connections to other processes' servers; returns the number of sockets it found without it.
     */
    static int sweep() {
        if (unavailable) {
            return 0;
        }
        try {
            int set = 0;
            for (Object server : servers().values()) {
                Field field = declared(TcpServer.class, "running");
                @SuppressWarnings("unchecked")
                Set<Object> running = (Set<Object>) field.get(server);
                if (!(running instanceof SettingOnAdd)) {
                    running = new SettingOnAdd(running);
                    field.set(server, running);
                }
                for (Object connection : running.toArray()) {
                    set += setOn(transferOf(connection));
                }
            }
            for (SessionRemote client : List.copyOf(CLIENTS)) {
                set += setOnClient(client);
            }
            return set;
        } catch (ReflectiveOperationException | RuntimeException e) {
            giveUp(e);
            return 0;
        }
    }

    /** The sockets of every connection to an H2 TCP server in this process (tests). */
    static List<Socket> serverSockets() throws ReflectiveOperationException {
        List<Socket> sockets = new ArrayList<>();
        for (Object server : servers().values()) {
            Set<?> running = (Set<?>) declared(TcpServer.class, "running").get(server);
            for (Object connection : running.toArray()) {
                sockets.add(transferOf(connection).getSocket());
            }
        }
        return sockets;
    }

    /** The sockets of a connection to another process's server (tests). */
    static List<Socket> clientSockets(Connection connection) throws ReflectiveOperationException, SQLException {
        SessionRemote session = (SessionRemote) connection.unwrap(JdbcConnection.class).getSession();
        List<Socket> sockets = new ArrayList<>();
        for (Object transfer : ((List<?>) declared(SessionRemote.class, "transferList").get(session)).toArray()) {
            sockets.add(((Transfer) transfer).getSocket());
        }
        return sockets;
    }

    private static Map<?, ?> servers() throws ReflectiveOperationException {
        return (Map<?, ?>) declared(TcpServer.class, "SERVERS").get(null);
    }

    private static Transfer transferOf(Object serverConnection) throws ReflectiveOperationException {
        return (Transfer) declared(serverConnection.getClass(), "transfer").get(serverConnection);
    }

    private static int setOnClient(SessionRemote session) throws ReflectiveOperationException {
        int set = 0;
        Object transfers = declared(SessionRemote.class, "transferList").get(session);
        if (transfers instanceof List<?> list) {
            for (Object transfer : list.toArray()) {
                set += setOn((Transfer) transfer);
            }
        }
        return set;
    }

    /** 1 when the option was off and is now on; 0 when it was on, or the socket is gone. */
    private static int setOn(Transfer transfer) {
        Socket socket = transfer == null ? null : transfer.getSocket();
        if (socket == null || socket.isClosed()) {
            return 0;
        }
        try {
            if (socket.getTcpNoDelay()) {
                return 0;
            }
            socket.setTcpNoDelay(true);
            return 1;
        } catch (SocketException closedMeanwhile) {
            return 0;
        }
    }

    /** A field of H2's internals, made accessible (also for {@link H2ClientReads}). */
    static Field declared(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static void giveUp(Exception e) {
        if (!unavailable) {
            unavailable = true;
            LOG.warn("Could not set TCP_NODELAY on H2's TCP connections (H2's internals differ from what this version "
                    + "knows: {}); the services reading the embedded event store over H2's server read it much "
                    + "slower", e.toString());
        }
    }

    /** The server's set of connections, setting the option on each as H2 adds it (before its thread starts). */
    private static final class SettingOnAdd extends AbstractSet<Object> {

        private final Set<Object> running;

        SettingOnAdd(Set<Object> running) {
            this.running = running;
        }

        @Override
        public boolean add(Object connection) {
            try {
                setOn(transferOf(connection));
            } catch (ReflectiveOperationException | RuntimeException e) {
                giveUp(e);
            }
            return running.add(connection);
        }

        @Override
        public boolean remove(Object connection) {
            return running.remove(connection);
        }

        @Override
        public Iterator<Object> iterator() {
            return running.iterator();
        }

        @Override
        public int size() {
            return running.size();
        }

        @Override
        public Object[] toArray() {
            return running.toArray(); // synchronized on H2's set, as H2 copies it
        }
    }

    /** Sets the option on each connection to another process's server as it is opened, and its reads. */
    private static final class ClientSide implements DataSource {

        private final DataSource h2;

        ClientSide(DataSource h2) {
            this.h2 = h2;
        }

        private static Connection set(Connection connection) throws SQLException {
            if (connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionRemote remote) {
                if (!unavailable) {
                    CLIENTS.add(remote);
                    try {
                        setOnClient(remote);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        giveUp(e);
                    }
                }
                // the pool has not handed the connection out yet, so no other thread reads it
                H2ClientReads.unsynchronize(remote);
            }
            return connection;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return set(h2.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return set(h2.getConnection(username, password));
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return h2.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            h2.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            h2.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return h2.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return h2.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? type.cast(this) : h2.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            try {
                return type.isInstance(this) || h2.isWrapperFor(type);
            } catch (SQLException e) {
                return false;
            }
        }
    }
}
