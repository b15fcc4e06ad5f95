package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Axon's JDBC storage engine, unchanged but for five things. Four are about what it hands out for tracking
 * (processors, streams, {@code readEvents}):
 * <ul>
 *   <li>every row has its global index noted in {@link OwnPositions}, which Axon's tracked messages do not carry;</li>
 *   <li>a fetched batch is handed out only once the store's file holds all of it ({@link StoreFence}); otherwise the
 *   fetch fails, and the reader (Axon's shared producer, or a processor's own stream) fetches again from its last
 *   token. Fencing here rather than per processor covers the events a processor skips as well: their positions
 *   move its token on, and a new host may store a new event at a lost one's position;</li>
 *   <li>a token's gaps that stay empty are dropped by {@link GapCleaning}, Axon's rule at a cost that does not grow
 *   with the square of the gaps; Axon's own cleaning is switched off;</li>
 *   <li>a read that fails because the store cannot be reached (its host stopped) is made again for a few seconds
 *   before Axon hears of it.</li>
 * </ul>
 * The fifth is about appending: an append that collides with an event its stream already holds is refused before
 * it inserts anything ({@link StreamCollisions}), with the exception Axon gives for the unique key's refusal, so the
 * refusal leaves no empty position behind.
 */
final class FencedStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(FencedStorageEngine.class);
    /** How long a reader reads again while the store cannot be reached before it reports the failure to Axon. */
    static final Duration HOST_PATIENCE = Duration.ofSeconds(10);
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long MAX_PAUSE_MILLIS = 1_000;

    private final OwnPositions positions;
    private final StoreFence fence;
    /**
     * The rows of the fetch under way on this thread, each at its own position, for the fence: Axon's tracked data
     * carries the token, whose position is not the row's for an event that fills a gap.
     */
    private final ThreadLocal<List<StoreFence.ReadEvent>> fetching = new ThreadLocal<>();
    private final GapCleaning gapCleaning;
    private final StreamCollisions collisions;
    private final Duration hostPatience;

    FencedStorageEngine(JdbcEventStorageEngine.Builder builder, OwnPositions positions, StoreFence fence) {
        this(builder, positions, fence, HOST_PATIENCE);
    }

    FencedStorageEngine(JdbcEventStorageEngine.Builder builder, OwnPositions positions, StoreFence fence,
                        Duration hostPatience) {
        // Axon's cleaning never runs (no token has more gaps than this); GapCleaning applies its rule instead
        super(builder.gapTimeout((int) GapCleaning.TIMEOUT.toMillis()).gapCleaningThreshold(Integer.MAX_VALUE));
        this.positions = positions;
        this.fence = fence;
        this.hostPatience = hostPatience;
        this.gapCleaning = new GapCleaning(this::getConnection, schema());
        this.collisions = new StreamCollisions(schema());
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Optional<SQLException> collision;
        // the command's own transaction, as Axon's insert below takes it
        try (Connection connection = getConnection()) {
            collision = collisions.find(connection, events);
        } catch (SQLException e) {
            throw new EventStoreException("cannot look up the streams of the events to append: " + e.getMessage(), e);
        }
        // throws what the unique key's refusal would have thrown: a duplicate stream start or a concurrency conflict
        collision.ifPresent(refusal -> handlePersistenceException(refusal, events.get(0)));
        super.appendEvents(events, serializer);
    }

    /**
     * Reads as Axon's engine does, fenced, and reads again while the store cannot be reached, for up to
     * {@link #HOST_PATIENCE}. In the embedded store the command service hosts the file and the other services reach
     * it through that host; when the host stops (a restart, {@code kill -9}) a reader's next connection fails until
     * it or the restarted host has opened the file again, which took a few seconds from outside. Axon would log each
     * such failure as an error ("Failed to read events from the underlying event storage") and then read again from
     * the same token; reading again here does the same without a false alarm. Any other failure, and a host still
     * away after the patience, go to Axon as before.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long started = System.nanoTime();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        boolean warned = false;
        while (true) {
            try {
                List<? extends TrackedEventData<?>> fetched = fetchFenced(lastToken, batchSize);
                if (warned) {
                    log.info("The event store answers again after {} ms; reading goes on from where it stopped",
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
                return fetched;
            } catch (RuntimeException e) {
                long waited = System.nanoTime() - started;
                if (!lostConnection(e) || waited + Duration.ofMillis(pauseMillis).toNanos() > hostPatience.toNanos()) {
                    throw e;
                }
                if (!warned) {
                    log.warn("The event store cannot be reached ({}): its host may have stopped. Reading again for "
                            + "up to {} s", rootMessage(e), hostPatience.toSeconds());
                    warned = true;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
            }
        }
    }

    /** A connection that failed or could not be opened, as JDBC classifies it (SQLSTATE class 08). */
    static boolean lostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLNonTransientConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private List<? extends TrackedEventData<?>> fetchFenced(TrackingToken lastToken, int batchSize) {
        TrackingToken from = lastToken instanceof GapAwareTrackingToken gapAware ? gapCleaning.clean(gapAware)
                : lastToken;
        List<StoreFence.ReadEvent> rows = new ArrayList<>();
        fetching.set(rows);
        List<? extends TrackedEventData<?>> fetched;
        try {
            fetched = super.fetchTrackedEvents(from, batchSize);
        } finally {
            fetching.remove();
        }
        fence.awaitStored(rows);
        return fetched;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> data = super.getTrackedEventData(resultSet, previousToken);
        String eventIdentifier = resultSet.getString(schema().eventIdentifierColumn());
        long position = resultSet.getLong(schema().globalIndexColumn());
        positions.note(eventIdentifier, position);
        List<StoreFence.ReadEvent> rows = fetching.get();
        if (rows != null) {
            rows.add(new StoreFence.ReadEvent(position, eventIdentifier));
        }
        return data;
    }
}
