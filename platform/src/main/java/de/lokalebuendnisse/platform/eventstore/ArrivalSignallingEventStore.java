package de.lokalebuendnisse.platform.eventstore;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's {@link EmbeddedEventStore} whose streams tell their reader when events arrive.
 * <p>
 * A pooled streaming processor whose stream cannot announce new events looks again only 500 ms after it found none
 * (Axon's Coordinator, a fixed delay); the embedded store's streams cannot announce anything. On a store polled
 * every 100 ms that wait was most of the time from a command's answer to its projections (JFR and timestamps: a
 * processor idle at the head saw a new event 0 to 500 ms after the store had fetched it). Here every stream accepts
 * the processor's callback and calls it as soon as the store's producer (the one thread that fetches new events for
 * all tailing readers) has put an event into the store's cache, where the reader finds it. Callbacks are also called
 * every {@value #RECHECK_MILLIS} ms regardless, so a reader whose events were not fetched by the producer (one still
 * reading on a stream of its own) looks no later than Axon would have without a callback.
 * <p>
 * What the store delivers and in which order is Axon's, unchanged: the callback only says "look now".
 * <p>
 * {@link #shutDown()} returns once the producer has left its loop (Axon's only tells it to stop). A producer still
 * reading when the connection pool closed kept using its H2 session: when the process that served the store over
 * AUTO_SERVER had stopped just before, H2 reconnected it by opening the file in this process, which was already
 * shutting down, so H2 never closed it again and its lock file stayed behind (seen with the benchmark's restart: the
 * audit service, stopped last, left event-store.lock.db, and the next start waited about 3.5 s for H2 to take the lock
 * over). Joined before the pool closes, such a session is closed with the pool, and the database with it.
 */
public final class ArrivalSignallingEventStore extends EmbeddedEventStore {

    /** Axon's own wait when a stream has no callback: the latest a reader looks again without being told. */
    static final long RECHECK_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(ArrivalSignallingEventStore.class);

    /** How long {@link #shutDown()} waits for the producer to finish the fetch it is in. */
    static final long PRODUCER_PATIENCE_MILLIS = 10_000;

    private final Arrivals arrivals;
    private final ProducerThreads producers;

    private ArrivalSignallingEventStore(Builder builder, Arrivals arrivals, ProducerThreads producers) {
        super(builder);
        this.arrivals = arrivals;
        this.producers = producers;
    }

    /**
     * @param storageEngine    where the events are
     * @param fetchDelayMillis how long the producer waits before asking the storage engine again after it found no
     *                         new events
     * @param cachedEvents     the newest events kept in memory for the processors reading near the head
     */
    public static ArrivalSignallingEventStore create(EventStorageEngine storageEngine, long fetchDelayMillis,
                                                     int cachedEvents) {
        return create(storageEngine, fetchDelayMillis, cachedEvents, RECHECK_MILLIS);
    }

    static ArrivalSignallingEventStore create(EventStorageEngine storageEngine, long fetchDelayMillis,
                                              int cachedEvents, long recheckMillis) {
        Arrivals arrivals = new Arrivals(recheckMillis);
        ProducerThreads producers = new ProducerThreads();
        Builder builder = EmbeddedEventStore.builder()
                .storageEngine(new SignallingStorageEngine(storageEngine, arrivals))
                .fetchDelay(fetchDelayMillis)
                .cachedEvents(cachedEvents)
                .cleanupDelay(10_000)
                .timeUnit(TimeUnit.MILLISECONDS)
                .threadFactory(producers);
        return new ArrivalSignallingEventStore(builder, arrivals, producers);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SignalledStream(super.openStream(trackingToken), arrivals);
    }

    @Override
    public void shutDown() {
        arrivals.shutDown();
        super.shutDown();
        producers.awaitEnd(PRODUCER_PATIENCE_MILLIS);
    }

    /** Axon's producer threads (named as Axon names them), kept so that a shut-down store can wait for them. */
    static final class ProducerThreads implements ThreadFactory {

        private final ThreadFactory axon = new AxonThreadFactory("EmbeddedEventStore");
        private final List<Thread> started = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable runnable) {
            started.removeIf(thread -> !thread.isAlive() && thread.getState() != Thread.State.NEW);
            Thread thread = axon.newThread(runnable);
            started.add(thread);
            return thread;
        }

        void awaitEnd(long patienceMillis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
            for (Thread thread : started) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || thread == Thread.currentThread()) {
                    continue;
                }
                try {
                    thread.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (thread.isAlive()) {
                    log.warn("the event store's producer {} is still reading {} ms after the store was shut down",
                            thread.getName(), patienceMillis);
                }
            }
        }
    }

    /** The callbacks of the open streams, called on each arrival and at the recheck interval. */
    static final class Arrivals {

        private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
        private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-arrivals-recheck");
            thread.setDaemon(true);
            return thread;
        });

        Arrivals(long recheckMillis) {
            recheck.scheduleWithFixedDelay(this::signal, recheckMillis, recheckMillis, TimeUnit.MILLISECONDS);
        }

        void add(Runnable callback) {
            callbacks.add(callback);
        }

        void remove(Runnable callback) {
            callbacks.remove(callback);
        }

        void signal() {
            for (Runnable callback : callbacks) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    // one reader's failure must not keep the others from being told
                    log.warn("a reader's arrival callback failed", e);
                }
            }
        }

        void shutDown() {
            recheck.shutdownNow();
            callbacks.clear();
        }
    }

    /** A stream of the store that accepts a callback; everything else is the store's stream. */
    static final class SignalledStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private final Arrivals arrivals;
        private volatile Runnable callback;

        SignalledStream(TrackingEventStream delegate, Arrivals arrivals) {
            this.delegate = delegate;
            this.arrivals = arrivals;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                arrivals.remove(previous);
            }
            this.callback = callback;
            arrivals.add(callback);
            return true;
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                arrivals.remove(current);
            }
            delegate.close();
        }
    }

    /**
     * The storage engine as the store's producer sees it: the stream the producer reads new events from signals
     * after each event it hands on. The producer puts each event into the store's cache (and wakes the readers
     * waiting there) before it asks for the next one, so by the signal the event is where the readers look. The
     * producer is the one reader that asks for a stream that may block ({@code mayBlock}); the readers' own streams
     * (catching up) are not signalled: their reader keeps reading while it finds events.
     */
    static final class SignallingStorageEngine extends DelegatingStorageEngine {

        private final Arrivals arrivals;

        SignallingStorageEngine(EventStorageEngine delegate, Arrivals arrivals) {
            super(delegate);
            this.arrivals = arrivals;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            Stream<? extends TrackedEventMessage<?>> events = super.readEvents(trackingToken, mayBlock);
            if (!mayBlock) {
                return events;
            }
            return StreamSupport.stream(new SignallingSpliterator<>(events.spliterator(), arrivals), false)
                    .onClose(events::close);
        }
    }

    /** Signals after each element its consumer has taken (and acted on). */
    static final class SignallingSpliterator<T> implements Spliterator<T> {

        private final Spliterator<T> source;
        private final Arrivals arrivals;

        SignallingSpliterator(Spliterator<T> source, Arrivals arrivals) {
            this.source = source;
            this.arrivals = arrivals;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            boolean advanced = source.tryAdvance(action);
            if (advanced) {
                arrivals.signal();
            }
            return advanced;
        }

        // forEachRemaining is the interface's default: tryAdvance one by one, so each element is signalled

        @Override
        public Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return source.estimateSize();
        }

        @Override
        public int characteristics() {
            return source.characteristics() & (ORDERED | NONNULL);
        }
    }
}
