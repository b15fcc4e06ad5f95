package de.lokalebuendnisse.platform.projection;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.config.EventProcessingConfiguration;
import de.lokalebuendnisse.platform.PlatformProperties;
import de.lokalebuendnisse.platform.positions.StoreGaps;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The projections as an operator sees them: where each stands against the head of the event store, whether it
 * runs, how many dead letters it holds, and the one designed way to replay one: {@link #rebuild(String)}.
 */
@Component
public class Projections {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);
    private static final long POLL_MILLIS = 20;
    private static final long PROGRESS_LOG_SECONDS = 5;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final StoreGaps gaps;
    private final Duration consistencyWait;
    /** How long a dead-letter retry waits for an open replay or catch-up window to be written. */
    private final Duration windowWait;
    private final Clock clock;
    private final RebuildRecords rebuildRecords;
    private final ProjectionGroups groups;
    private final ReplayWindows windows;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    /** The projections replayed because their documents start empty ({@link PlatformProperties.Mongo#startsEmpty}). */
    private final List<String> replayedAtStart = new java.util.ArrayList<>();
    /** Dead-letter retries per projection: they change documents without moving a token ({@link #version}). */
    private final Map<String, Long> retries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService progressLog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild-progress");
        thread.setDaemon(true);
        return thread;
    });

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, StoreGaps gaps,
                       RebuildRecords rebuildRecords, ReadSideProperties properties,
                       ProjectionGroups groups, PlatformProperties platform, ReplayWindows windows) {
        this.groups = groups;
        this.windows = windows;
        this.processing = processing;
        this.eventStore = eventStore;
        this.gaps = gaps;
        this.rebuildRecords = rebuildRecords;
        this.consistencyWait = properties.query().consistencyWait();
        this.windowWait = properties.rebuild().windowAge().multipliedBy(2);
        this.clock = Clock.systemUTC();
        // known before the first query is answered: a rebuild a killed process left unfinished still holds queries off
        for (RebuildRecords.Unfinished unfinished : rebuildRecords.unfinished()) {
            rebuilds.put(unfinished.projection(), new Rebuild(unfinished.startedAt(), unfinished.target()));
        }
        if (platform.mongo().startsEmpty()) {
            // documents and tokens in memory: every start replays every projection from the first event, a rebuild
            // like any other, so queries are refused (503) until it has reached the head seen now
            long head = headPosition();
            Instant now = clock.instant();
            for (String projection : groups.names()) {
                Rebuild rebuild = new Rebuild(now, head);
                rebuilds.put(projection, rebuild);
                replayedAtStart.add(projection);
            }
        }
    }

    /**
     * Carries on the rebuilds a previous process left unfinished. Their processors replay on from their stored tokens;
     * where the process died before the tokens were reset (the documents may be half cleared), the reset is done again.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeUnfinishedRebuilds() {
        for (String projection : replayedAtStart) {
            Rebuild rebuild = rebuilds.get(projection);
            log.info("Replaying projection {} from the first event (its documents are kept in memory): up to position "
                    + "{}", projection, rebuild.target);
            progressLog.schedule(() -> logProgress(projection, rebuild), PROGRESS_LOG_SECONDS, TimeUnit.SECONDS);
        }
        for (RebuildRecords.Unfinished unfinished : rebuildRecords.unfinished()) {
            String projection = unfinished.projection();
            Optional<StreamingEventProcessor> processor = names().contains(projection)
                    ? processing.eventProcessor(projection, StreamingEventProcessor.class) : Optional.empty();
            if (processor.isEmpty()) {
                continue; // not projected by this process (the auditors' command line)
            }
            Rebuild rebuild = rebuilds.get(projection);
            if (!unfinished.tokensReset()) {
                log.warn("Rebuild of projection {} was interrupted before its tokens were reset; resetting again",
                        projection);
                processor.get().shutdownAsync().join();
                processor.get().resetTokens();
                rebuildRecords.tokensReset(projection);
                processor.get().start();
            } else {
                log.info("Rebuild of projection {} was interrupted; it goes on from its stored tokens", projection);
            }
            progressLog.schedule(() -> logProgress(projection, rebuild), PROGRESS_LOG_SECONDS, TimeUnit.SECONDS);
        }
    }

    public Collection<String> names() {
        return groups.names();
    }

    /** The position of the newest event in the store; -1 when it is empty. */
    public long headPosition() {
        return EventPositions.of(eventStore.createHeadToken());
    }

    /**
     * Whether the projection has handled every event up to {@code position} that a writer handed that position can
     * have written, in every segment; see {@link StoreGaps#behind} for the rule (gaps left by rolled-back
     * transactions are not waited for).
     */
    public boolean hasReached(String projection, long position) {
        return behind(projection, position).isEmpty();
    }

    /**
     * Why the projection cannot yet answer a query given {@code position}; empty when it can. While a replay window
     * holds documents not yet written (also in a new database's first pass over the store, which Axon handles as a
     * replay) the processor's position runs ahead of its documents, so no position counts as reached.
     */
    private Optional<String> behind(String projection, long position) {
        if (windows.holdsBackTokenOf(projection)) {
            return Optional.of("its replay has not yet written the documents it keeps in memory");
        }
        List<TrackingToken> segments = processor(projection).processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken).toList();
        return gaps.behind(segments, position);
    }

    /**
     * Called before every query of a projection. While the projection is rebuilt its documents are incomplete, so
     * the caller gets 503 and asks again later. Read-your-writes: given the position a command answered with, waits
     * up to {@code lbf.query.consistency-wait} until the projection has reached it; past that the caller gets 503 and
     * retries, never stale data. A web request waits parked, off the server's threads ({@link ReadWaits}): this
     * method then ends the handling by an exception and the request is handled again when the wait is over.
     */
    public void awaitReadable(String projection, Long position) {
        awaitReadable(projection, position, ReadWaits.parkableRequest());
    }

    /**
     * As {@link #awaitReadable}, but always waiting on the calling thread: for background work (the auditors' replay),
     * which must never be parked even when it happens to run on a request's thread.
     */
    public void blockUntilReadable(String projection, Long position) {
        awaitReadable(projection, position, Optional.empty());
    }

    /** @param request the web request to park while waiting; empty: wait on this thread */
    private void awaitReadable(String projection, Long position, Optional<HttpServletRequest> request) {
        processor(projection);
        Optional<ProjectionState.RebuildProgress> rebuild = rebuildProgress(projection);
        if (rebuild.isPresent() && !rebuild.get().finished()) {
            throw new ProjectionRebuildingException(projection, rebuild.get());
        }
        if (position == null) {
            return;
        }
        Optional<String> behind = behind(projection, position);
        if (behind.isEmpty()) {
            return;
        }
        Instant fresh = clock.instant().plus(consistencyWait);
        Instant deadline = request.map(read -> ReadWaits.deadline(read, fresh)).orElse(fresh);
        while (behind.isPresent()) {
            if (clock.instant().isAfter(deadline)) {
                throw new ProjectionBehindException(projection, position, position(projection), behind.get());
            }
            if (request.isPresent()) {
                throw new ReadWaits.AwaitingPosition(projection, position, deadline);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProjectionBehindException(projection, position, position(projection), behind.get());
            }
            behind = behind(projection, position);
        }
    }

    /** The lowest position over the projection's segments: everything up to it is in the documents. */
    public long position(String projection) {
        return processor(projection).processingStatus().values().stream()
                .mapToLong(s -> EventPositions.of(s.getTrackingToken())).min().orElse(-1);
    }

    /**
     * What the projection's documents are known to contain, as a value: equal values mean no event was handled and no
     * dead letter retried in between, so an answer computed from the documents at one value still holds at the other.
     * Read before computing an answer (the documents then hold at least that much).
     */
    public Object version(String projection) {
        Map<Integer, TrackingToken> tokens = new java.util.TreeMap<>();
        processor(projection).processingStatus().forEach((segment, status) -> tokens.put(segment,
                status.getTrackingToken()));
        if (tokens.isEmpty()) {
            // another instance holds the segment (several query services on one database): this one does not see
            // the documents change, so no value may ever equal another
            return new Object();
        }
        return List.of(retries.getOrDefault(projection, 0L), tokens);
    }

    /** Events the projection still has to process. */
    public long lag(String projection) {
        return Math.max(0, headPosition() - position(projection));
    }

    public boolean isRunning(String projection) {
        return processor(projection).isRunning();
    }

    public long deadLetters(String projection) {
        return deadLetterQueue(projection).size();
    }

    /**
     * Retries every dead-lettered sequence once; returns how many sequences were handled successfully. Waits for a
     * replay or catch-up window of the projection that is open, twice the time it may stay open at most, and is
     * refused when it is still open then ({@link ReplayWindows#withoutWindow}).
     */
    public int retryDeadLetters(String projection) {
        processor(projection); // an unknown name is refused (404) before anything is looked up
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + projection));
        return windows.withoutWindow(projection, windowWait, () -> {
            int handled = 0;
            long sequences = deadLetterQueue(projection).amountOfSequences();
            try {
                for (long i = 0; i < sequences; i++) {
                    if (processor.processAny()) {
                        handled++;
                    }
                }
            } finally {
                retries.merge(projection, 1L, Long::sum);
            }
            return handled;
        });
    }

    public ProjectionState state(String projection) {
        StreamingEventProcessor processor = processor(projection);
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        String error = status.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(s -> String.valueOf(s.getError())).findFirst().orElse(null);
        long head = headPosition();
        long position = position(projection);
        return new ProjectionState(projection, processor.isRunning(), processor.isError() || error != null, error,
                processor.isReplaying(), position, head, Math.max(0, head - position), deadLetters(projection),
                rebuildProgress(projection).orElse(null));
    }

    /**
     * The progress of the last rebuild started since this service started, or left unfinished by an earlier process;
     * empty when there was none.
     */
    public Optional<ProjectionState.RebuildProgress> rebuildProgress(String projection) {
        Rebuild rebuild = rebuilds.get(projection);
        if (rebuild == null) {
            return Optional.empty();
        }
        StreamingEventProcessor processor = processor(projection);
        ProjectionState.RebuildProgress progress = rebuild.progress(position(projection), processor.isReplaying(),
                clock.instant());
        if (progress.finished() && !rebuild.finished) {
            rebuildRecords.finished(projection);
            rebuild.finished = true;
        }
        return Optional.of(progress);
    }

    public List<ProjectionState> states() {
        return names().stream().map(this::state).toList();
    }

    /**
     * Rebuilds a projection from the first event: stop its processor, reset its tokens (its reset handler clears
     * its documents), start it again. Returns at once; {@link #state(String)} reports the progress.
     */
    public synchronized ProjectionState.RebuildProgress rebuild(String projection) {
        StreamingEventProcessor processor = processor(projection);
        if (rebuildProgress(projection).filter(progress -> !progress.finished()).isPresent()) {
            throw new RebuildRunningException(projection);
        }
        log.info("Rebuilding projection {}: stopping its processor", projection);
        processor.shutdownAsync().join();
        long head = headPosition();
        Rebuild rebuild = new Rebuild(clock.instant(), head);
        // recorded before the reset clears the documents, so that a restart knows they are incomplete
        rebuildRecords.started(projection, rebuild.startedAt(), head);
        rebuilds.put(projection, rebuild);
        if (handledNothingYet(processor)) {
            // nothing handled, nothing to clear: a token never stored cannot be reset (Axon's reset fails on it), and
            // the processor starts from the first event anyway
            log.info("Rebuilding projection {}: it has handled no event yet, so it starts from the first", projection);
        } else {
            processor.resetTokens();
        }
        rebuildRecords.tokensReset(projection);
        processor.start();
        log.info("Rebuilding projection {}: replaying up to position {}", projection, head);
        progressLog.schedule(() -> logProgress(projection, rebuild), PROGRESS_LOG_SECONDS, TimeUnit.SECONDS);
        return rebuild.progress(-1, true, clock.instant());
    }

    /** Whether no segment of the (stopped) processor has stored a token yet, e.g. right after a start on an empty store. */
    private boolean handledNothingYet(StreamingEventProcessor processor) {
        TokenStore tokens = processing.tokenStore(processor.getName());
        for (int segment : tokens.fetchSegments(processor.getName())) {
            if (tokens.fetchToken(processor.getName(), segment) != null) {
                return false;
            }
        }
        return true;
    }

    /** A progress line every few seconds while a rebuild runs, and one when it has finished. */
    private void logProgress(String projection, Rebuild rebuild) {
        if (rebuilds.get(projection) != rebuild) {
            return; // a newer rebuild logs for itself
        }
        try {
            ProjectionState.RebuildProgress progress = rebuildProgress(projection).orElseThrow();
            if (progress.finished()) {
                log.info("Rebuilt projection {}: {} events in {} s ({} events/s)", projection, progress.eventsDone(),
                        Duration.between(progress.startedAt(), clock.instant()).toSeconds(),
                        progress.eventsPerSecond());
                return;
            }
            log.info("Rebuilding projection {}: {} of {} events ({} events/s, about {} s left)", projection,
                    progress.eventsDone(), progress.eventsTotal(), progress.eventsPerSecond(),
                    progress.secondsLeft() == null ? "?" : progress.secondsLeft());
        } catch (RuntimeException e) {
            log.warn("Cannot read the progress of the rebuild of {}: {}", projection, e.toString());
        }
        progressLog.schedule(() -> logProgress(projection, rebuild), PROGRESS_LOG_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopProgressLog() {
        progressLog.shutdownNow();
    }

    StreamingEventProcessor processor(String projection) {
        if (!names().contains(projection)) {
            throw new UnknownProjectionException(projection);
        }
        return processing.eventProcessor(projection, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor for projection " + projection));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(String projection) {
        processor(projection);
        return processing.deadLetterQueue(projection)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for projection " + projection));
    }

    /** One rebuild: when it started and the head it has to reach. */
    private static final class Rebuild {

        private final Instant startedAt;
        private final long target;
        /**
         * Set once the rebuild was seen finished and its record removed: it stays finished, even when its processor is
         * stopped and started later and reports a replay again for a moment.
         */
        private volatile boolean finished;

        Rebuild(Instant startedAt, long target) {
            this.startedAt = startedAt;
            this.target = target;
        }

        Instant startedAt() {
            return startedAt;
        }

        boolean active(long position, boolean replaying) {
            return replaying || position < target;
        }

        ProjectionState.RebuildProgress progress(long position, boolean replaying, Instant now) {
            long done = Math.max(0, position);
            double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
            double rate = done / seconds;
            boolean finished = this.finished || !active(position, replaying);
            Long secondsLeft = finished ? Long.valueOf(0)
                    : rate <= 0 ? null : Long.valueOf(Math.round((target - done) / rate));
            return new ProjectionState.RebuildProgress(startedAt, finished, done, Math.max(0, target),
                    Math.round(rate * 10) / 10.0, secondsLeft);
        }
    }
}
