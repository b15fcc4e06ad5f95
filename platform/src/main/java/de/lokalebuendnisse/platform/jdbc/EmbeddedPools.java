package de.lokalebuendnisse.platform.jdbc;

import com.zaxxer.hikari.HikariConfig;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The connection pools of the embedded H2 stores (event store, key store of personal data). Each evicts a connection
 * whose database H2 has closed: H2 answers such a connection with its own error codes, which Hikari does not take as
 * fatal, so without this a pool kept handing out the dead connections, and every later command failed until a
 * restart, although a new connection opens the file again.
 */
public final class EmbeddedPools {

    /** H2's "The database has been closed". */
    static final int DATABASE_IS_CLOSED = 90098;
    /** H2's "Database is already closed" (after a shutdown, also one H2 started itself after a failed write). */
    static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

    /**
     * How long a starting service tries to open its store before it gives up (Hikari tries once a second). Found from
     * outside: the command service, restarted at once after a {@code kill -9}, ended at start with H2's "Lock file
     * recently modified" while a reading service was taking over the file it had hosted (AUTO_SERVER), once in
     * about eight such runs; a second later it would have reached the new host. Hikari's default gives up after the first try.
     */
    static final Duration OPENING_PATIENCE = Duration.ofSeconds(30);

    private EmbeddedPools() {
    }

    public static HikariDataSource open(String jdbcUrl, String username, String password, int maxPoolSize,
                                        String poolName) {
        return open(jdbcUrl, username, password, maxPoolSize, poolName, OPENING_PATIENCE);
    }

    static HikariDataSource open(String jdbcUrl, String username, String password, int maxPoolSize, String poolName,
                                 Duration openingPatience) {
        HikariConfig config = new HikariConfig();
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            // the services share the file over H2's TCP server, which is slow without TCP_NODELAY (H2TcpNoDelay)
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(username);
            h2.setPassword(password);
            config.setDataSource(H2TcpNoDelay.clientsOf(h2));
        } else {
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(username);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName(poolName);
        config.setExceptionOverride(new EvictClosedDatabase());
        config.setInitializationFailTimeout(openingPatience.toMillis());
        return new HikariDataSource(config);
    }

    /** Public for Hikari's reflective copy of the configuration; stateless. */
    public static final class EvictClosedDatabase implements SQLExceptionOverride {

        @java.lang.Override
        public Override adjudicate(SQLException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && closesTheDatabase(sql.getErrorCode())) {
                    return Override.MUST_EVICT;
                }
            }
            return Override.CONTINUE_EVICT;
        }

        private static boolean closesTheDatabase(int errorCode) {
            return errorCode == DATABASE_IS_CLOSED || errorCode == DATABASE_CALLED_AT_SHUTDOWN;
        }
    }
}
