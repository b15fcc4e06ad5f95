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
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
 * <p>
 * A catch-up far behind the head (a service started after a pause, a large import) is handled the same way: a batch
 * that begins {@code windowBehind} events or more behind the head opens a window too, which also closes once the
 * processor is less than that behind. Its documents then lag a little more behind the events handled, never behind the
 * stored token; a reader given a position waits while the window is open, as in a replay. Live batches, a few events
 * behind, never open one. By hand, a directory 175,676 events behind on the embedded stand-in reached the head in
 * 107 s instead of 214 s batch by batch (the events of one alliance lie far apart, so a batch of 100 rarely holds two
 * of them).
 */
public final class ReplayWindows {

    /** How long a head position read from the store is used: live batches must not each ask the store for it. */
    static final Duration HEAD_KEPT = Duration.ofSeconds(1);

    private final Set<String> groups;
    private final int maxDocuments;
    private final Duration maxAge;
    private final Clock clock;
    private final long windowBehind;
    private final LongSupplier head;
    private final Map<String, Window> open = new ConcurrentHashMap<>();
    /** Per group the dead-letter retries running: no window opens meanwhile. */
    private final Map<String, Integer> retrying = new ConcurrentHashMap<>();
    private volatile TokenStore tokens;
    /** The head last read and when: older heads only make a batch look nearer than it is, never farther. */
    private volatile HeadSeen headSeen;

    /** @param groups the processing groups whose replays use windows; catch-ups do not */
    public ReplayWindows(Set<String> groups, int maxDocuments, Duration maxAge, Clock clock) {
        this(groups, maxDocuments, maxAge, clock, 0, () -> -1);
    }

    /**
     * @param groups       the processing groups whose replays and catch-ups use windows
     * @param windowBehind from how many events behind the head a batch that is no replay opens a window; 0: never
     * @param head         the position of the newest event in the store, read at most once per {@link #HEAD_KEPT}
     */
    public ReplayWindows(Set<String> groups, int maxDocuments, Duration maxAge, Clock clock, long windowBehind,
                         LongSupplier head) {
        if (windowBehind < 0) {
            throw new IllegalArgumentException("lbf.rebuild.window-behind is a number of events, 0 or more (0: windows"
                    + " in replays only), not " + windowBehind);
        }
        this.groups = Set.copyOf(groups);
        this.maxDocuments = maxDocuments;
        this.maxAge = maxAge;
        this.clock = clock;
        this.windowBehind = windowBehind;
        this.head = head;
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
        /** Opened by a batch far behind the head that was no replay. */
        private final boolean catchUp;

        Window(Instant openedAt) {
            this(openedAt, false);
        }

        Window(Instant openedAt, boolean catchUp) {
            this.openedAt = openedAt;
            this.catchUp = catchUp;
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
     * The window the processor batch of {@code group} handles its events in, opened when the batch replays or begins
     * far behind the head and none is open; null when the batch writes on its own. Called at the batch's first event.
     * A rollback of the batch discards the window.
     */
    Window windowFor(String group, BatchingUnitOfWork<?> batch) {
        if (!groups.contains(group)) {
            return null;
        }
        Window window = open.get(group);
        if (window == null) {
            boolean replay = ReplayToken.isReplay(batch.getMessage());
            if (!replay && !farBehind(batch.getMessage())) {
                return null;
            }
            // asked at each opening: an operator may have split the processor's segment since the last window
            TokenStore store = tokens;
            if (store == null || store.fetchSegments(group).length != 1) {
                return null;
            }
            synchronized (this) {
                if (retrying.containsKey(group)) {
                    return null;
                }
                window = new Window(clock.instant(), !replay);
                open.put(group, window);
            }
        }
        batch.onRollback(unitOfWork -> discard(group));
        return window;
    }

    /** Whether the window of {@code group} is to be written now, at the end of a batch whose last event is given. */
    boolean closesAfter(Window window, Message<?> last) {
        if (!(last instanceof TrackedEventMessage<?> tracked)
                || window.documentsHeld() >= maxDocuments
                || !clock.instant().isBefore(window.openedAt.plus(maxAge))) {
            return true;
        }
        TrackingToken token = tracked.trackingToken();
        if (window.catchUp) {
            return ReplayToken.isReplay(token) || !farBehind(last);
        }
        if (!ReplayToken.isReplay(token)) {
            return true;
        }
        long resetAt = ReplayToken.getTokenAtReset(token).orElse(Long.MAX_VALUE);
        return EventPositions.of(token) >= resetAt;
    }

    /** Whether {@code event} lies {@code windowBehind} events or more behind the head. */
    private boolean farBehind(Message<?> event) {
        if (windowBehind == 0 || !(event instanceof TrackedEventMessage<?> tracked)) {
            return false;
        }
        return headPosition() - EventPositions.of(tracked.trackingToken()) >= windowBehind;
    }

    private long headPosition() {
        Instant now = clock.instant();
        HeadSeen seen = headSeen;
        if (seen == null || !now.isBefore(seen.at().plus(HEAD_KEPT))) {
            seen = new HeadSeen(head.getAsLong(), now);
            headSeen = seen;
        }
        return seen.position();
    }

    private record HeadSeen(long position, Instant at) {
    }

    /** Writes the window of {@code group} and closes it; its token is stored again from then on. */
    void close(String group, Window window) {
        try {
            window.write();
        } finally {
            open.remove(group, window);
        }
    }

    /**
     * Runs {@code retry}, a retry of {@code group}'s dead letters, while no window of the group is open: from the call
     * on no window opens until it has returned, and a window open at the call is waited for, at most {@code wait} (it
     * is written within about {@code maxAge}). A retry writes its documents at once, and a window writing its whole
     * copies of them afterwards would undo what the retry wrote. Refused when the window is still open after
     * {@code wait}.
     */
    public <T> T withoutWindow(String group, Duration wait, Supplier<T> retry) {
        synchronized (this) {
            retrying.merge(group, 1, Integer::sum);
        }
        try {
            awaitClosed(group, wait);
            return retry.get();
        } finally {
            retrying.computeIfPresent(group, (key, running) -> running == 1 ? null : running - 1);
        }
    }

    private void awaitClosed(String group, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (open.containsKey(group)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new WindowOpenException(group);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WindowOpenException(group);
            }
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
