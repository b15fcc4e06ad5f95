package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The one place that reasons about gaps: positions below a given one that hold no event (yet). Used by reads
 * (read-your-writes), by the auditors' replay and the verifier (where their reading starts) and by the chain
 * anchoring (when a head may be computed).
 * <p>
 * In the embedded (JDBC) store a position is handed out when an event is inserted, before its transaction commits.
 * So a position below the newest committed one can be empty for two reasons: its transaction has not committed yet
 * (it fills soon), or its transaction was rolled back after its insert (a crash during the commit, a failure after
 * the insert): then it stays empty for ever. Until stop 37 a refused duplicate or a lost race for an aggregate's
 * sequence number left one too; {@link StreamCollisions} now refuses those before they insert. Axon's tracking
 * tokens list both kinds as gaps and cannot tell them apart; waiting for every gap to fill therefore waited for
 * ever after a single rolled-back insert. This class tells them apart by looking at the store:
 * <ul>
 * <li><b>Reads</b> ({@link #behind}): the writer's own events had committed before its command was answered with a
 * position {@code p}. So a query given {@code p} may answer once its projection has seen up to {@code p} and no
 * gap at or below {@code p} in its token holds a committed event right now: an empty gap, or one whose transaction
 * is still open, cannot be one of the writer's events. A gap that holds a committed event has not been fetched by
 * the projection yet: wait.</li>
 * <li><b>Settled history</b> ({@link #settled}, for the replay, verification and anchoring, which must see every
 * event there will ever be up to {@code p}): no position at or below {@code p} holds an event whose transaction is
 * still open. Read with isolation READ UNCOMMITTED, which shows rows not yet committed; a position that is empty
 * both committed and uncommitted belongs to a rolled-back transaction and stays empty. An insert takes its position
 * and writes its row in one statement, without waiting in between; to cover that instant the check is repeated
 * after {@value #GRACE_MILLIS} ms before it says "settled". Like Axon's processors it looks back
 * {@value #WINDOW} positions (Axon's largest gap): an event still uncommitted after that many later ones have
 * committed is one Axon's processors would skip too.</li>
 * </ul>
 * With Axon Server ({@code dataSource} {@code null}) positions are handed out at commit, so there are no gaps: every
 * history is settled and a token's position is all a read needs.
 */
public final class StoreGaps {

    /** How far below a position the settled check looks: Axon's default {@code maxGapOffset}. */
    public static final int WINDOW = 10_000;
    static final long GRACE_MILLIS = 25;
    /** Positions per IN list. */
    private static final int CHUNK = 500;

    private final DataSource dataSource;
    private final EventSchema schema;

    public StoreGaps(DataSource dataSource, EventSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public static StoreGaps ofAxonServer() {
        return new StoreGaps(null, new EventSchema());
    }

    /**
     * Why a processor whose segments stand at {@code segments} cannot yet answer a query given {@code position};
     * empty when it can. The reason is a phrase such as "it has handled events up to position 1" or "the event
     * stored at position 2 is not handled yet".
     */
    public Optional<String> behind(Collection<TrackingToken> segments, long position) {
        if (position < 0) {
            return Optional.empty();
        }
        if (segments.isEmpty()) {
            return Optional.of("it has not started yet");
        }
        SortedSet<Long> gaps = new TreeSet<>();
        long lowest = Long.MAX_VALUE;
        for (TrackingToken segment : segments) {
            TrackingToken token = segment == null ? null : WrappedToken.unwrapLowerBound(segment);
            if (token == null) {
                return Optional.of("it has not handled any event yet");
            }
            long at = token instanceof GapAwareTrackingToken gapAware ? gapAware.getIndex()
                    : token.position().orElse(-1);
            lowest = Math.min(lowest, at);
            if (token instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps().headSet(position + 1));
            }
        }
        if (lowest < position) {
            return Optional.of("it has handled events up to position " + lowest);
        }
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        if (dataSource == null) {
            // a gap-aware token without the table to look at (not a setup this system runs): wait, as Axon would
            return Optional.of("the event at position " + gaps.first() + " has not arrived yet");
        }
        SortedSet<Long> stored = committed(gaps);
        if (!stored.isEmpty()) {
            return Optional.of("the event stored at position " + stored.first() + " is not handled yet (it committed"
                    + " after later events)");
        }
        return Optional.empty();
    }

    /**
     * Whether every event there will ever be at or below {@code position} is committed: no position up to it holds
     * an event whose transaction is still open.
     */
    public boolean settled(long position) {
        return unsettled(position).isEmpty();
    }

    /**
     * The positions at or below {@code position} whose events are still being committed (checked twice, see the
     * class comment); empty when the history up to it is settled.
     */
    public SortedSet<Long> unsettled(long position) {
        if (position < 0 || dataSource == null) {
            return new TreeSet<>();
        }
        long from = Math.max(0, position - WINDOW + 1);
        SortedSet<Long> open = inFlight(from, position);
        if (!open.isEmpty()) {
            return open;
        }
        try {
            Thread.sleep(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the event store's gaps", e);
        }
        return inFlight(from, position);
    }

    /**
     * Waits up to {@code patience} until the history up to {@code position} is settled; empty when it is, else why
     * not (a sentence naming the lowest position still being committed).
     */
    public Optional<String> awaitSettled(long position, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            SortedSet<Long> open = unsettled(position);
            if (open.isEmpty()) {
                return Optional.empty();
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of(open.size() + " position(s) at or below " + position + " (the lowest "
                        + open.first() + ") hold an event whose transaction has not committed after "
                        + patience.toMillis() + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for position " + open.first() + " to commit");
            }
        }
    }

    /** Of {@code positions}, those holding a committed event right now. */
    SortedSet<Long> committed(Collection<Long> positions) {
        SortedSet<Long> found = new TreeSet<>();
        List<Long> all = new ArrayList<>(positions);
        for (int start = 0; start < all.size(); start += CHUNK) {
            List<Long> chunk = all.subList(start, Math.min(all.size(), start + CHUNK));
            String sql = "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                    + schema.globalIndexColumn() + " IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setLong(i + 1, chunk.get(i));
                }
                collect(statement, found);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the event store's positions: " + e.getMessage(), e);
            }
        }
        return found;
    }

    /** Positions in [from, to] holding a row not yet committed: seen by a dirty read, not by a committed one. */
    SortedSet<Long> inFlight(long from, long to) {
        SortedSet<Long> dirty = range(from, to, Connection.TRANSACTION_READ_UNCOMMITTED);
        if (dirty.isEmpty()) {
            return dirty;
        }
        dirty.removeAll(range(from, to, Connection.TRANSACTION_READ_COMMITTED));
        return dirty;
    }

    private SortedSet<Long> range(long from, long to, int isolation) {
        SortedSet<Long> found = new TreeSet<>();
        String sql = "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                + schema.globalIndexColumn() + " BETWEEN ? AND ?";
        try (Connection connection = dataSource.getConnection()) {
            int before = connection.getTransactionIsolation();
            connection.setTransactionIsolation(isolation);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, from);
                statement.setLong(2, to);
                collect(statement, found);
            } finally {
                connection.setTransactionIsolation(before);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store's positions: " + e.getMessage(), e);
        }
        return found;
    }

    private static void collect(PreparedStatement statement, SortedSet<Long> into) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                into.add(result.getLong(1));
            }
        }
    }
}
