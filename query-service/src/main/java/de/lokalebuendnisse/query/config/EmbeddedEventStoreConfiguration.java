package de.lokalebuendnisse.query.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.TimeUnit;

/**
 * The embedded default: the events are read from the command side's H2 files through Axon's JDBC storage engine.
 * This service never appends; it polls for what the command side appended. Only active without Axon Server.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class EmbeddedEventStoreConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource eventStoreDataSource(QueryProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(properties.eventStore().jdbcUrl());
        config.setUsername(properties.eventStore().username());
        config.setPassword(properties.eventStore().password());
        config.setMaximumPoolSize(properties.eventStore().maxPoolSize());
        config.setPoolName("event-store-reader");
        return new HikariDataSource(config);
    }

    @Bean
    public EventStorageEngine eventStorageEngine(HikariDataSource dataSource,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration axonConfiguration,
                                                 OwnPositions ownPositions) {
        // notes each row's own index: a token's position is not the position of an event that filled a gap
        JdbcEventStorageEngine engine = ownPositions.engine(JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                // reads only: every statement runs on its own connection in auto-commit
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axonConfiguration.upcasterChain()));
        // the query service may start before the command side has ever run; the statements are IF NOT EXISTS
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    /** Axon's default looks for new events once a second; read-your-writes wants them sooner. */
    @Bean(destroyMethod = "shutDown")
    public EventStore eventStore(EventStorageEngine storageEngine, QueryProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.eventStore().pollInterval().toMillis())
                .cleanupDelay(10_000)
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }
}
