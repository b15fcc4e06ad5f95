package de.lokalebuendnisse.platform.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import de.lokalebuendnisse.platform.PlatformProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The appending service refuses an H2 event store that keeps committed events in memory before writing them. */
class RequireCommitOnWriteTest {

    @TempDir
    Path dir;

    @Test
    void anH2StoreThatWritesAtEachCommitIsAccepted() {
        String url = "jdbc:h2:file:" + dir.resolve("accepted") + ";MODE=PostgreSQL;WRITE_DELAY=0";
        try (HikariDataSource dataSource = dataSource(url)) {
            assertThatCode(() -> AppendingEventStoreConfiguration.requireCommitOnWrite(dataSource, url))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void anH2StoreWithTheDefaultWriteDelayIsRefused() {
        String url = "jdbc:h2:file:" + dir.resolve("refused") + ";MODE=PostgreSQL";
        try (HikariDataSource dataSource = dataSource(url)) {
            assertThatThrownBy(() -> AppendingEventStoreConfiguration.requireCommitOnWrite(dataSource, url))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("WRITE_DELAY=0");
        }
    }

    private static HikariDataSource dataSource(String url) {
        return EmbeddedEventStores.dataSource(
                new PlatformProperties.EventStore(url, "sa", "", 1, Duration.ofMillis(100), Duration.ZERO, 80, 1000),
                "test");
    }
}
