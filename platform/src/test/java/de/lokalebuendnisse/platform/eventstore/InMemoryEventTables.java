package de.lokalebuendnisse.platform.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** Axon's event table in an H2 database in memory, in PostgreSQL mode as the services use it, for these tests. */
final class InMemoryEventTables {

    private InMemoryEventTables() {
    }

    /** A fresh database of its own; it lives while a connection to it is open. */
    static JdbcDataSource newDatabase(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";MODE=PostgreSQL");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Axon's JDBC engine on {@code connections}, each statement on its own; reads make new messages each time. */
    static JdbcEventStorageEngine engine(ConnectionProvider connections) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .build();
    }
}
