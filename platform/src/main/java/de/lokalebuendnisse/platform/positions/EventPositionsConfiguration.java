package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Each event's own position ({@link OwnPositions}), the reasoning about gaps ({@link StoreGaps}) and the wait until
 * what was read is in the store's file ({@link StoreFence}), for both
 * services: on the embedded store's table when there is one ({@code eventStoreDataSource}), else (Axon Server) from
 * the tokens alone.
 */
@Configuration(proxyBeanMethods = false)
public class EventPositionsConfiguration {

    @Bean
    public OwnPositions ownPositions(@Qualifier("eventStoreDataSource") ObjectProvider<DataSource> eventStoreDataSource) {
        DataSource dataSource = eventStoreDataSource.getIfAvailable();
        return dataSource == null ? OwnPositions.ofAxonServer() : new OwnPositions(dataSource, new EventSchema());
    }

    @Bean
    public StoreFence storeFence(@Qualifier("eventStoreDataSource") ObjectProvider<DataSource> eventStoreDataSource) {
        DataSource dataSource = eventStoreDataSource.getIfAvailable();
        return dataSource == null ? StoreFence.ofAxonServer() : new StoreFence(dataSource, new EventSchema());
    }

    @Bean
    public StoreGaps storeGaps(@Qualifier("eventStoreDataSource") ObjectProvider<DataSource> eventStoreDataSource) {
        DataSource dataSource = eventStoreDataSource.getIfAvailable();
        return dataSource == null ? StoreGaps.ofAxonServer() : new StoreGaps(dataSource, new EventSchema());
    }
}
