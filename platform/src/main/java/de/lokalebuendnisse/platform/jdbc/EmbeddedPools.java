package de.lokalebuendnisse.platform.jdbc;

import com.zaxxer.hikari.HikariConfig;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.SQLException;

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

    private EmbeddedPools() {
    }

    public static HikariDataSource open(String jdbcUrl, String username, String password, int maxPoolSize,
                                        String poolName) {
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
