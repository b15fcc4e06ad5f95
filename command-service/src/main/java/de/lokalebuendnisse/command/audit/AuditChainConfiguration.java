package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.audit.trail.history.StoredHistoryReader;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.positions.StoreFence;
import de.lokalebuendnisse.platform.positions.StoreGaps;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The audit chain's anchoring: where it reads the stored events, and how its process reacts to failures.
 */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

    /** Larger than Axon's 100: fewer round trips, and a run of missing positions must be longer to end a read. */
    static final int BATCH_SIZE = 1000;

    /**
     * Embedded default: the event table as stored, through a storage engine of its own on the same database without
     * the upcaster chain, so the chain covers exactly the stored payloads and revisions even once upcasters exist.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public StoredHistory jdbcStoredHistory(DataSource dataSource, TransactionManager transactionManager,
                                           PersistenceExceptionResolver persistenceExceptionResolver,
                                           Serializer serializer,
                                           @Qualifier("eventSerializer") Serializer eventSerializer,
                                           OwnPositions positions, StoreGaps gaps, StoreFence fence) {
        // read only: no schema creation, no snapshots written; deliberately no upcasterChain(...)
        JdbcEventStorageEngine table = positions.engine(JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .batchSize(BATCH_SIZE), fence);
        return new ReadStoredHistory(StoredHistoryReader.ofStorageEngine(table, positions::of, gaps::awaitSettled),
                eventSerializer);
    }

    /**
     * Axon Server: its event stream, which is the only read it offers. There the chain covers the events as upcast,
     * which is the stored form as long as no upcaster is registered (none is).
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
    public StoredHistory eventStoreStoredHistory(EventStore eventStore,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 OwnPositions positions, StoreGaps gaps) {
        return new ReadStoredHistory(StoredHistoryReader.ofEventStore(eventStore, positions::of,
                gaps::awaitSettled), eventSerializer);
    }

    /**
     * A period must not stay unsealed because of a failure: the segment stops and retries with back-off from its
     * stored token instead of logging and moving on (Axon's default). It gets only events the store's file holds (the
     * storage engine's {@link StoreFence}).
     */
    @Bean
    public ConfigurerModule auditChainAnchoringProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(AuditChainAnchoring.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                // its seal commits in its own transaction before the token moves on (see AuditChainAnchoring)
                .registerPooledStreamingEventProcessorConfiguration(AuditChainAnchoring.PROCESSING_GROUP,
                        (c, builder) -> builder.transactionManager(NoTransactionManager.instance()));
    }
}
