package de.lokalebuendnisse.platform.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import de.lokalebuendnisse.platform.PlatformProperties;
import de.lokalebuendnisse.platform.jdbc.H2FileHousekeeping;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreFence;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The embedded default of the service that appends (the command service): events in H2 files behind Axon's JDBC
 * storage engine, in the transaction of the command that records them. Axon's own JDBC auto-configuration does not
 * create an event store on Spring Boot 4 and is excluded, so the engine is built here. Only active without Axon
 * Server, which otherwise stores the events.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
@EnableConfigurationProperties(PlatformProperties.class)
public class AppendingEventStoreConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource eventStoreDataSource(PlatformProperties properties) {
        HikariDataSource dataSource = EmbeddedEventStores.dataSource(properties.eventStore(), "event-store");
        requireCommitOnWrite(dataSource, properties.eventStore().jdbcUrl());
        return dataSource;
    }

    /**
     * An answered command must survive {@code kill -9}. H2 otherwise keeps committed transactions in memory for up to
     * half a second ({@code WRITE_DELAY}, default 500 ms), and a crash in that time lost events that had been
     * answered with 201. So the service refuses to start on an H2 store that does not write at each commit.
     */
    static void requireCommitOnWrite(DataSource dataSource, String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             ResultSet settings = connection.createStatement().executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            while (settings.next()) {
                if (!"0".equals(settings.getString(1))) {
                    throw new IllegalStateException("the embedded event store delays writing committed events by "
                            + settings.getString(1) + " ms, so a crash could lose answered commands: add "
                            + "';WRITE_DELAY=0' to lbf.event-store.jdbc-url");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the embedded event store's settings", e);
        }
    }

    /** Axon wraps this in its SpringTransactionManager, so events and their handlers commit together. */
    @Bean
    public DataSourceTransactionManager eventStoreTransactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    /** Rewrites the store file's mostly dead chunks while this process hosts it (see H2FileHousekeeping). */
    @Bean(destroyMethod = "close")
    public H2FileHousekeeping eventStoreHousekeeping(@Qualifier("eventStoreDataSource") DataSource dataSource,
                                                     PlatformProperties properties) {
        return EmbeddedEventStores.housekeeping(dataSource, properties.eventStore(), "event-store");
    }

    /**
     * Axon's own event store, as its auto-configuration builds it, with the newest events it keeps in memory for the
     * service's processes set ({@code lbf.event-store.cached-events}; see {@link PlatformProperties.EventStore}).
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         PlatformProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(properties.eventStore().cachedEvents())
                .build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(DataSource dataSource,
                                                 TransactionManager transactionManager,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axonConfiguration,
                                                 OwnPositions ownPositions, StoreFence fence) {
        return EmbeddedEventStores.engine(ownPositions, fence,
                EmbeddedEventStores.engineBuilder(dataSource, serializer, eventSerializer, axonConfiguration)
                        .transactionManager(transactionManager)
                        .persistenceExceptionResolver(persistenceExceptionResolver)
                        .snapshotFilter(axonConfiguration.snapshotFilter()));
    }
}
