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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 stores as a service's {@code application.yml} configures them, put to the test a service's threads
 * put them to: a thread interrupted while it writes (Axon interrupts a handler that overruns its timeout; a pool
 * interrupts on shutdown). On H2's default file system an interrupt closes the file channel mid-write and with it
 * the whole database ("The database has been closed"): every later command of the service failed until a restart.
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

    /**
     * Writers on their own connections are interrupted again and again while a pooled connection stays open; that
     * connection must still write and read afterwards, and every row a writer was told is stored must be there.
     */
    public static void assertSurvivesInterruptedWriters(String url) throws Exception {
        try (Connection pooled = DriverManager.getConnection(url, "sa", "")) {
            try (Statement create = pooled.createStatement()) {
                create.execute("CREATE TABLE interrupted_writes (id INT PRIMARY KEY, payload VARCHAR(2000))");
            }
            AtomicInteger next = new AtomicInteger();
            List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Thread writer = new Thread(() -> {
                    try (Connection own = DriverManager.getConnection(url, "sa", "");
                         PreparedStatement insert = own.prepareStatement(
                                 "INSERT INTO interrupted_writes VALUES (?, ?)")) {
                        for (int i = 0; i < 1500; i++) {
                            int id = next.incrementAndGet();
                            try {
                                insert.setInt(1, id);
                                insert.setString(2, "x".repeat(1500));
                                insert.executeUpdate();
                                acknowledged.add(id);
                            } catch (SQLException refused) {
                                // an interrupted statement may fail; the database must not
                            }
                            Thread.interrupted();
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writers.add(writer);
                writer.start();
            }
            for (int k = 0; k < 300; k++) {
                Thread.sleep(2);
                writers.get(k % writers.size()).interrupt();
            }
            for (Thread writer : writers) {
                writer.join();
            }
            try (Statement after = pooled.createStatement()) {
                after.executeUpdate("INSERT INTO interrupted_writes VALUES (-1, 'after the interrupts')");
                try (ResultSet count = after.executeQuery("SELECT COUNT(*) FROM interrupted_writes WHERE id > 0")) {
                    count.next();
                    assertThat(count.getInt(1)).isGreaterThanOrEqualTo(acknowledged.size()).isPositive();
                }
            }
        }
    }
}
