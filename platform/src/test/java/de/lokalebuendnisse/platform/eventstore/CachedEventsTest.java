package de.lokalebuendnisse.platform.eventstore;

import de.lokalebuendnisse.platform.PlatformProperties;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's event store keeps only the newest {@code lbf.event-store.cached-events} events in memory for its
 * processors: Axon's default of 10,000 held about 25 MB of a 160 MB heap for good (the events with their payloads
 * deserialized), and a rebuild then spent most of its time collecting the old generation. An event a processor has
 * taken is shown gone from memory once that many newer events have passed.
 */
class CachedEventsTest {

    private static final int CACHED = 20;
    private static final int PASSING = 5 * CACHED;

    private Connection keepAlive;
    /** A JDBC engine, as in the services: each read makes new messages, so only the store's cache can hold one. */
    private JdbcEventStorageEngine engine;
    private EmbeddedEventStore store;

    @BeforeEach
    void engine() throws SQLException {
        JdbcDataSource dataSource = InMemoryEventTables.newDatabase("cached");
        keepAlive = dataSource.getConnection();
        engine = InMemoryEventTables.engine(dataSource::getConnection);
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @AfterEach
    void shutDown() throws SQLException {
        if (store != null) {
            store.shutDown();
        }
        keepAlive.close();
    }

    @Test
    void theReadingServicesStoreLetsAnEventGoOnceTheCachedNumberOfNewerOnesHavePassed() throws Exception {
        // as a reading service's store takes another process's appends: straight from the storage
        store = ArrivalSignallingEventStore.create(engine, 10, CACHED, 60_000);

        assertLetGo(store, engine::appendEvents);
    }

    @Test
    void theAppendingServicesStoreLetsAnEventGoOnceTheCachedNumberOfNewerOnesHavePassed() throws Exception {
        PlatformProperties properties = new PlatformProperties("./data", new PlatformProperties.EventStore(
                "jdbc:h2:mem:unused", "sa", "", 1, Duration.ofMillis(100), Duration.ZERO, 80, CACHED), null);
        store = new AppendingEventStoreConfiguration().eventStore(engine,
                DefaultConfigurer.defaultConfiguration().buildConfiguration(), properties);

        assertLetGo(store, store::publish);
    }

    /**
     * A stream at the head takes an event from the store's cache, then {@value #PASSING} newer ones one by one, as a
     * processor near the head does; the taken one must then be collectable: nothing but the cache could hold it.
     */
    private static void assertLetGo(EmbeddedEventStore store, Consumer<GenericDomainEventMessage<String>> append)
            throws Exception {
        append.accept(event("before"));
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("before");
        // at the end of what it read for itself: from now on the stream waits in the store's cache
        assertThat(stream.hasNextAvailable()).isFalse();
        append.accept(event("first"));
        TrackedEventMessage<?> first = stream.nextAvailable();
        assertThat(first.getPayload()).isEqualTo("first");
        WeakReference<TrackedEventMessage<?>> taken = new WeakReference<>(first);
        first = null;
        for (int i = 0; i < PASSING; i++) {
            append.accept(event("newer-" + i));
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("newer-" + i);
        }

        for (int attempt = 0; attempt < 50 && taken.get() != null; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(taken.get()).as("the first event, " + PASSING + " events later, with " + CACHED + " cached")
                .isNull();
        stream.close();
    }

    private static GenericDomainEventMessage<String> event(String payload) {
        return new GenericDomainEventMessage<>("test", UUID.randomUUID().toString(), 0, payload);
    }
}
