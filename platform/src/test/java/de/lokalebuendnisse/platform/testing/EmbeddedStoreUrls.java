package de.lokalebuendnisse.platform.testing;

import com.zaxxer.hikari.HikariDataSource;
import de.lokalebuendnisse.platform.jdbc.EmbeddedPools;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
     * Writers on the service's kind of pool ({@link EmbeddedPools}) are interrupted again and again. H2 may fail an
     * interrupted statement, and on contention it may even close the database (an interrupt while a commit waits for
     * a map's lock); the pool must write again right afterwards, with every connection that died failing once at
     * most, and every row a writer was told is stored must be there.
     */
    public static void assertSurvivesInterruptedWriters(String url) throws Exception {
        int writers = 4;
        try (HikariDataSource pool = EmbeddedPools.open(url, "sa", "", writers, "interrupted-writers")) {
            try (Connection connection = pool.getConnection(); Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE interrupted_writes (id INT PRIMARY KEY, payload VARCHAR(2000))");
            }
            AtomicInteger next = new AtomicInteger();
            List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < 1500; i++) {
                        int id = next.incrementAndGet();
                        if (insert(pool, id)) {
                            acknowledged.add(id);
                        }
                        Thread.interrupted();
                    }
                });
                threads.add(writer);
                writer.start();
            }
            for (int k = 0; k < 300; k++) {
                Thread.sleep(2);
                threads.get(k % threads.size()).interrupt();
            }
            for (Thread writer : threads) {
                writer.join();
            }
            List<Boolean> after = new ArrayList<>();
            for (int i = 1; i <= 3 * writers; i++) {
                after.add(insert(pool, -i));
            }
            assertThat(after.subList(writers, after.size())).as("writes after the interrupts").containsOnly(true);
            try (Connection connection = pool.getConnection(); Statement count = connection.createStatement();
                 ResultSet rows = count.executeQuery("SELECT id FROM interrupted_writes WHERE id > 0")) {
                Set<Integer> stored = new HashSet<>();
                while (rows.next()) {
                    stored.add(rows.getInt(1));
                }
                assertThat(stored).as("rows acknowledged to the writers").containsAll(acknowledged);
                assertThat(acknowledged).isNotEmpty();
            }
        }
    }

    private static boolean insert(HikariDataSource pool, int id) {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO interrupted_writes VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, "x".repeat(1500));
            insert.executeUpdate();
            return true;
        } catch (SQLException refused) {
            // an interrupted statement may fail; the store must not stay failed
            return false;
        }
    }
}
