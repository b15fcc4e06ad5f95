package de.lokalebuendnisse.platform.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import de.lokalebuendnisse.platform.PlatformProperties;
import de.lokalebuendnisse.platform.jdbc.H2FileHousekeeping;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreFence;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The embedded default of a service that only reads (the query service): the events are read from the command
 * side's H2 files through Axon's JDBC storage engine. It never appends; it polls for what the command side appended
 * ({@code lbf.event-store.poll-interval}). Only active without Axon Server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
@EnableConfigurationProperties(PlatformProperties.class)
public class ReadingEventStoreConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource eventStoreDataSource(PlatformProperties properties) {
        return EmbeddedEventStores.dataSource(properties.eventStore(), "event-store-reader");
    }

    /** Rewrites the store file's mostly dead chunks while this process hosts it (see H2FileHousekeeping). */
    @Bean(destroyMethod = "close")
    public H2FileHousekeeping eventStoreHousekeeping(@Qualifier("eventStoreDataSource") DataSource dataSource,
                                                     PlatformProperties properties) {
        return EmbeddedEventStores.housekeeping(dataSource, properties.eventStore(), "event-store-reader");
    }

    @Bean
    public EventStorageEngine eventStorageEngine(HikariDataSource dataSource,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axonConfiguration,
                                                 OwnPositions ownPositions, StoreFence fence) {
        return EmbeddedEventStores.engine(ownPositions, fence,
                EmbeddedEventStores.engineBuilder(dataSource, serializer, eventSerializer, axonConfiguration)
                        // reads only: every statement runs on its own connection in auto-commit
                        .transactionManager(NoTransactionManager.INSTANCE));
    }

    /**
     * Axon's default looks for new events once a second; read-your-writes wants them sooner. Its processors are
     * told when events arrive instead of looking again half a second later ({@link ArrivalSignallingEventStore}).
     */
    @Bean(destroyMethod = "shutDown")
    public EventStore eventStore(EventStorageEngine storageEngine, PlatformProperties properties) {
        return ArrivalSignallingEventStore.create(storageEngine, properties.eventStore().pollInterval().toMillis(),
                properties.eventStore().cachedEvents());
    }
}
