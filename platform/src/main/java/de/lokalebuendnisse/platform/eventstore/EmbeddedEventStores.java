package de.lokalebuendnisse.platform.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import de.lokalebuendnisse.platform.PlatformProperties;
import de.lokalebuendnisse.platform.jdbc.EmbeddedPools;
import de.lokalebuendnisse.platform.jdbc.H2FileHousekeeping;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreFence;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * What the appending (command side) and the reading (query side) embedded event store share: the connection pool on
 * {@code lbf.event-store.*}, and Axon's JDBC storage engine on it with the one serializer, the upcasters, each row's
 * own position noted and the schema created if missing.
 */
final class EmbeddedEventStores {

    private EmbeddedEventStores() {
    }

    static HikariDataSource dataSource(PlatformProperties.EventStore settings, String poolName) {
        return EmbeddedPools.open(settings.jdbcUrl(), settings.username(), settings.password(),
                settings.maxPoolSize(), poolName);
    }

    /**
     * Bytes of live pages one round of housekeeping rewrites at most. A round holds MVStore's store lock, which every
     * commit needs, so rounds are short (H2's own writer rewrites up to 4.75 MB a round, every 166 ms at its default
     * WRITE_DELAY); 1 MB every 250 ms rewrites up to 4 MB/s.
     */
    static final int HOUSEKEEPING_WRITE_LIMIT = 1024 * 1024;

    /**
     * The housekeeping of the H2 file every service that opens the store runs (whichever hosts the file does the
     * work); none for another database, which keeps its own file.
     */
    static H2FileHousekeeping housekeeping(DataSource dataSource, PlatformProperties.EventStore settings,
                                           String name) {
        boolean h2File = settings.jdbcUrl().startsWith("jdbc:h2:") && !settings.jdbcUrl().startsWith("jdbc:h2:mem:");
        return H2FileHousekeeping.start(dataSource, name, h2File ? settings.housekeepingInterval() : Duration.ZERO,
                settings.housekeepingFillRate(), HOUSEKEEPING_WRITE_LIMIT);
    }

    /** The engine's common settings; each side adds its transaction handling. */
    static JdbcEventStorageEngine.Builder engineBuilder(DataSource dataSource, Serializer serializer,
                                                        Serializer eventSerializer,
                                                        org.axonframework.config.Configuration axonConfiguration) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axonConfiguration.upcasterChain());
    }

    /**
     * Builds the engine; it notes each row's own index (a token's position is not the position of an event that
     * filled a gap). H2 in PostgreSQL mode takes the PostgreSQL table factory; its statements are
     * {@code CREATE TABLE IF NOT EXISTS}, so either service may be the first to start.
     */
    static JdbcEventStorageEngine engine(OwnPositions ownPositions, StoreFence fence,
                                         JdbcEventStorageEngine.Builder builder) {
        JdbcEventStorageEngine engine = ownPositions.engine(builder, fence);
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }
}
