package de.lokalebuendnisse.platform.testing;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 stores as a service's {@code application.yml} configures them, put to the test a service's threads
 * put them to: a thread interrupted while it writes (a pool interrupts on shutdown; Axon interrupted a handler that
 * overran its timeout until the services switched those timeouts off). On H2's plain {@code file:} system an
 * interrupt closes the file channel mid-write and with it the whole database ("The database has been closed"), and
 * the pool kept its dead connections: every later command of the service failed until a restart.
 */
public final class EmbeddedStoreUrls {

    private EmbeddedStoreUrls() {
    }

    /** The JDBC URL at {@code lbf.<store>.jdbc-url} of the service's application.yml, in {@code dataDir}. */
    @SuppressWarnings("unchecked")
    public static String configured(Class<?> serviceClass, String store, Path dataDir) {
        try (InputStream yml = serviceClass.getResourceAsStream("/application.yml")) {
            Map<String, Object> root = new Yaml().load(yml);
            Map<String, Object> lbf = (Map<String, Object>) root.get("lbf");
            Map<String, Object> section = (Map<String, Object>) lbf.get(store);
            String url = (String) section.get("jdbc-url");
            return url.replace("${lbf.data-dir}", dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value of the service's application.yml by its dotted path, e.g. {@code axon.timeout.enabled}. */
    @SuppressWarnings("unchecked")
    public static Object configuredValue(Class<?> serviceClass, String dottedPath) {
        try (InputStream yml = serviceClass.getResourceAsStream("/application.yml")) {
            Object node = new Yaml().load(yml);
            for (String key : dottedPath.split("\\.")) {
                node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A writer whose thread is interrupted at each write (the flag set before the statement, so the interrupt always
     * lands inside H2's file write): every write must succeed and the store stay open. On H2's plain {@code file:}
     * system the first one closes the database. Deterministic on purpose: with several writers an interrupt can also
     * land while a commit waits for a map's lock, and then H2 closes the database on any file system; in one of about
     * twenty such stress runs it could not even open the file again in the same process. That is why the services
     * interrupt no thread that writes ({@code axon.timeout.enabled: false}).
     */
    public static void assertWritesWithTheInterruptFlagSet(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE interrupted_writes (id INT PRIMARY KEY, payload VARCHAR(2000))");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO interrupted_writes VALUES (?, ?)")) {
                for (int id = 1; id <= 20; id++) {
                    Thread.currentThread().interrupt();
                    try {
                        insert.setInt(1, id);
                        insert.setString(2, "x".repeat(1500));
                        insert.executeUpdate();
                    } finally {
                        Thread.interrupted();
                    }
                }
            }
            try (Statement count = connection.createStatement();
                 ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM interrupted_writes")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(20);
            }
        }
    }
}
