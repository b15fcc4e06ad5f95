package de.lokalebuendnisse.platform.projection;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay windows: while a projection that allows it is replayed (a rebuild), its {@link BatchedCollection}s keep their
 * documents and writes, and its {@link BatchEnd} work, across processor batches, and write them once per window
 * instead of once per batch. A rebuild of the directory wrote each alliance's document once per partner event (the
 * events of an alliance lie far apart in the store, so a batch of 100 rarely holds two of one alliance); in a window
 * it is written once, and whole: the window's copy of each changed document replaces the stored one, since with one
 * segment no other writer changes it in between.
 * <p>
 * The token follows the documents: while a window holds writes not yet made, the projection's token is not stored
 * ({@link DeferringTokens} extends the claim instead), so the stored token never passes what the documents hold. A
 * crash or a stop loses the window; the processor then starts again from the token stored with the last window's
 * writes and handles the events after it again, which the projections' idempotent handlers allow. A batch that fails
 * discards the window for the same reason. Readers see none of it: a projection being rebuilt answers no query
 * ({@link Projections#awaitReadable}), a read given a position waits while a window is open (also in a new database's
 * first pass, which Axon handles as a replay), and the window is written before the batch that ends the replay is
 * committed.
 * <p>
 * A window closes, writing everything, after the batch in which the replay reaches the position it was reset at, after
 * a batch with an event that is no replay any more, once it holds {@code maxDocuments} documents (the heap it takes),
 * or once it is {@code maxAge} old (the work a crash would make the rebuild do again). Only a processor with one
 * segment uses windows: with several, another segment may change a document a window holds.
 */
public final class ReplayWindows {

    private final Set<String> groups;
    private final int maxDocuments;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Window> open = new ConcurrentHashMap<>();
    private volatile TokenStore tokens;

    /** @param groups the processing groups whose replays use windows */
    public ReplayWindows(Set<String> groups, int maxDocuments, Duration maxAge, Clock clock) {
        this.groups = Set.copyOf(groups);
        this.maxDocuments = maxDocuments;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** None: every batch writes its own documents. */
    public static ReplayWindows none() {
        return new ReplayWindows(Set.of(), 0, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * The token store that holds back the tokens of groups with an open window, wrapping {@code delegate};
     * {@code delegate} itself where no group uses windows.
     */
    public TokenStore deferringTokens(TokenStore delegate) {
        this.tokens = delegate;
        return groups.isEmpty() ? delegate : new DeferringTokens(delegate, this);
    }

    /** The work of one window: its collections' kept documents and writes, and its batch-end work. */
    static final class Window {

        final Map<BatchedCollection, BatchedCollection.Batch> batches = new LinkedHashMap<>();
        final Map<Object, BatchEnd.Work> work = new LinkedHashMap<>();
        private final Instant openedAt;

        Window(Instant openedAt) {
            this.openedAt = openedAt;
        }

        int documentsHeld() {
            int held = 0;
            for (BatchedCollection.Batch batch : batches.values()) {
                held += batch.documentsHeld();
            }
            return held;
        }

        /** Writes the collections, then does the collected work. */
        void write() {
            write(batches, work);
            batches.clear();
        }

        /** Writes {@code batches}, then does {@code work}, as a window or a processor batch of its own ends. */
        static void write(Map<BatchedCollection, BatchedCollection.Batch> batches, Map<Object, BatchEnd.Work> work) {
            for (BatchedCollection.Batch collection : batches.values()) {
                collection.flush();
            }
            for (BatchEnd.Work owned : work.values()) {
                owned.finish();
            }
            work.clear();
        }
    }

    /**
     * The window the processor batch of {@code group} handles its events in, opened when the batch replays and none is
     * open; null when the batch writes on its own. Called at the batch's first event. A rollback of the batch discards
     * the window.
     */
    Window windowFor(String group, BatchingUnitOfWork<?> batch) {
        if (!groups.contains(group) || !ReplayToken.isReplay(batch.getMessage())) {
            return null;
        }
        Window window = open.get(group);
        if (window == null) {
            // asked at each opening: an operator may have split the processor's segment since the last window
            TokenStore store = tokens;
            if (store == null || store.fetchSegments(group).length != 1) {
                return null;
            }
            window = new Window(clock.instant());
            open.put(group, window);
        }
        batch.onRollback(unitOfWork -> discard(group));
        return window;
    }

    /** Whether the window of {@code group} is to be written now, at the end of a batch whose last event is given. */
    boolean closesAfter(Window window, Message<?> last) {
        if (!(last instanceof TrackedEventMessage<?> tracked) || !ReplayToken.isReplay(tracked.trackingToken())) {
            return true;
        }
        TrackingToken token = tracked.trackingToken();
        long resetAt = ReplayToken.getTokenAtReset(token).orElse(Long.MAX_VALUE);
        return EventPositions.of(token) >= resetAt
                || window.documentsHeld() >= maxDocuments
                || !clock.instant().isBefore(window.openedAt.plus(maxAge));
    }

    /** Writes the window of {@code group} and closes it; its token is stored again from then on. */
    void close(String group, Window window) {
        try {
            window.write();
        } finally {
            open.remove(group, window);
        }
    }

    /** Drops the window of {@code group} unwritten: its events are handled again from the stored token. */
    void discard(String group) {
        open.remove(group);
    }

    /** Whether {@code group}'s token is to be held back: it has a window with writes not yet made. */
    boolean holdsBackTokenOf(String group) {
        return open.containsKey(group);
    }
}
