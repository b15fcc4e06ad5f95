package de.lokalebuendnisse.platform.eventstore;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading store's streams call their reader back when another process's events have arrived, and only once the
 * reader can take them. Against a real H2 store in PostgreSQL mode; the writer is a second engine on it, as the
 * command service is beside a reading service (no in-process publishing wakes the store).
 */
class ArrivalSignallingEventStoreTest {

    /** Long enough that no callback in these tests comes from the recheck unless a test asks for it. */
    private static final long NO_RECHECK = TimeUnit.HOURS.toMillis(1);
    /** Only a bound for a test that went wrong; nothing here measures time. */
    private static final long PATIENCE_SECONDS = 20;

    private Connection keepAlive;
    private JdbcEventStorageEngine reader;
    private JdbcEventStorageEngine writer;
    private ArrivalSignallingEventStore store;
    /** Producer threads of stores other tests in this JVM left running: not this test's to wait for. */
    private Set<Thread> producersBefore;

    @BeforeEach
    void engines() throws SQLException {
        producersBefore = producers();
        JdbcDataSource dataSource = InMemoryEventTables.newDatabase("arrivals");
        keepAlive = dataSource.getConnection();
        reader = InMemoryEventTables.engine(dataSource::getConnection);
        writer = InMemoryEventTables.engine(dataSource::getConnection);
        reader.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @AfterEach
    void close() throws SQLException, InterruptedException {
        if (store != null) {
            store.shutDown();
        }
        // the store's producer leaves its loop after the fetch it is in; the database must outlive that fetch
        for (Thread thread : producers()) {
            if (!producersBefore.contains(thread)) {
                thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            }
        }
        keepAlive.close();
    }

    private static Set<Thread> producers() {
        Set<Thread> producers = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("EmbeddedEventStore")) {
                producers.add(thread);
            }
        }
        return producers;
    }

    @Test
    void aReaderAtTheHeadIsCalledBackWhenAnotherProcessAppendsAndCanThenTakeTheEvent() throws Exception {
        store = ArrivalSignallingEventStore.create(reader, 10, 1000, NO_RECHECK);
        append("before");
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("before");
        assertThat(stream.hasNextAvailable()).isFalse();   // at the head: the reader waits in the store's cache now
        List<Boolean> availableWhenCalled = new CopyOnWriteArrayList<>();
        CountDownLatch called = new CountDownLatch(1);
        assertThat(stream.setOnAvailableCallback(() -> {
            if (called.getCount() > 0) {
                availableWhenCalled.add(stream.peek().isPresent());
                called.countDown();
            }
        })).isTrue();

        append("after");

        assertThat(called.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("called back").isTrue();
        assertThat(availableWhenCalled).containsExactly(true);
        TrackedEventMessage<?> next = stream.nextAvailable();
        assertThat(next.getPayload()).isEqualTo("after");
        stream.close();
    }

    @Test
    void everyOpenStreamIsCalledBackAndAClosedOneNoMore() throws Exception {
        store = ArrivalSignallingEventStore.create(reader, 10, 1000, NO_RECHECK);
        TrackingEventStream open = store.openStream(null);
        TrackingEventStream closed = store.openStream(null);
        assertThat(open.hasNextAvailable()).isFalse();
        assertThat(closed.hasNextAvailable()).isFalse();
        CountDownLatch openCalled = new CountDownLatch(1);
        AtomicInteger closedCalls = new AtomicInteger();
        open.setOnAvailableCallback(openCalled::countDown);
        closed.setOnAvailableCallback(closedCalls::incrementAndGet);
        closed.close();

        append("one");

        assertThat(openCalled.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the open stream called back").isTrue();
        assertThat(closedCalls).hasValue(0);
        assertThat(open.nextAvailable().getPayload()).isEqualTo("one");
        open.close();
    }

    @Test
    void withNothingArrivingTheReaderIsStillToldToLookAtTheRecheckInterval() throws Exception {
        store = ArrivalSignallingEventStore.create(reader, 10, 1000, 20);
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.hasNextAvailable()).isFalse();
        CountDownLatch rechecks = new CountDownLatch(3);
        stream.setOnAvailableCallback(rechecks::countDown);

        assertThat(rechecks.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();
        stream.close();
    }

    @Test
    void aNewCallbackReplacesTheStreamsEarlierOne() throws Exception {
        store = ArrivalSignallingEventStore.create(reader, 10, 1000, NO_RECHECK);
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.hasNextAvailable()).isFalse();
        AtomicInteger earlier = new AtomicInteger();
        CountDownLatch later = new CountDownLatch(1);
        stream.setOnAvailableCallback(earlier::incrementAndGet);
        stream.setOnAvailableCallback(later::countDown);

        append("one");

        assertThat(later.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(earlier).hasValue(0);
        stream.close();
    }

    /**
     * The producer is in a slow fetch (as in H2's reconnect to a store another process had just let go of) when the
     * store is shut down: shutDown returns only after that fetch, so the connection pool closed after it closes the
     * producer's session too.
     */
    @Test
    void shutDownReturnsOnlyOnceTheProducerHasLeftTheFetchItWasIn() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch slowFetchBegun = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean slowFetchEnded = new java.util.concurrent.atomic.AtomicBoolean();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(keepAlive.getMetaData().getURL());
        dataSource.setUser("sa");
        Thread test = Thread.currentThread();
        JdbcEventStorageEngine slowReader = InMemoryEventTables.engine(() -> {
            Connection connection = dataSource.getConnection();
            if (slow.get() && Thread.currentThread() != test) {
                slowFetchBegun.countDown();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                slowFetchEnded.set(true);
            }
            return connection;
        });
        store = ArrivalSignallingEventStore.create(slowReader, 10, 1000, NO_RECHECK);
        append("before");
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("before");
        assertThat(stream.hasNextAvailable()).isFalse();   // at the head: the producer fetches for it now
        slow.set(true);
        assertThat(slowFetchBegun.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the producer fetches").isTrue();

        store.shutDown();

        assertThat(slowFetchEnded).as("the fetch the producer was in has ended").isTrue();
        assertThat(producers()).as("no producer of this store still runs").allMatch(producersBefore::contains);
        stream.close();
    }

    private void append(String payload) {
        writer.appendEvents(new GenericDomainEventMessage<>("test", UUID.randomUUID().toString(), 0, payload));
    }
}
