package de.lokalebuendnisse.platform.positions;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Supplier;

/**
 * Drops from a tracking token the gaps that will stay empty, as Axon's JDBC engine does, but at a cost that does not
 * grow with the square of the gaps, and once per token rather than at every fetch.
 * <p>
 * A gap that stays empty is left by an insert that was rolled back after taking its position (a crash during the
 * commit; until stop 37 also every refused duplicate, see {@link StreamCollisions}). Axon's rule, kept here
 * unchanged: once a token lists more than {@value #THRESHOLD} gaps, read the rows from its first gap to its last in
 * position order; stop at the first row that fills a gap or is younger than {@link #TIMEOUT}; every gap below the
 * last row before that point that follows a gap is dropped (its event would have committed within that time).
 * Axon does this by copying the token's gaps once per row that follows a gap, and at every fetch again, because a
 * reader with nothing new to read keeps the token it had. Found from outside: a scale-1 store with 2,177 such gaps
 * in 1,198 runs made the idle query service spend 45 % of a core and allocate about 1.5 GB/s, only to clean the
 * same token ten times a second.
 * <p>
 * Here one pass truncates once, and a token cleaned before (the very token object: a reader with nothing new to read
 * asks again with the one it kept) is answered from what the pass found as long as none of the gaps it dropped holds
 * an event now (one lookup by primary key per dropped gap). If one does, the pass runs
 * again and stops there, as Axon's would, so the late event is read. A pass that stopped at a young row is run again
 * once that row is old enough to let it go further.
 */
final class GapCleaning {

    private static final Logger log = LoggerFactory.getLogger(GapCleaning.class);

    /** Axon's default {@code gapCleaningThreshold}: tokens with more gaps than this are cleaned. */
    static final int THRESHOLD = 250;
    /** Axon's default {@code gapTimeout}: a gap followed by a row older than this stays empty. */
    static final Duration TIMEOUT = Duration.ofMillis(60_000);
    /**
     * Tokens remembered with what their cleaning dropped: each reader asks with its own (the shared producer, and a
     * processor reading behind it), and a token with 10,000 gaps holds about half a megabyte.
     */
    static final int REMEMBERED = 8;

    private final Supplier<Connection> connections;
    private final EventSchema schema;
    private final Map<Same, Cleaned> cleaned = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Same, Cleaned> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * A token as a key by its identity: Axon's tokens are equal when their gaps differ only below a point they were
     * truncated at, so a token with one gap fewer (its event just read) would find the entry of the one before.
     */
    private record Same(GapAwareTrackingToken token) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Same same && same.token == token;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(token);
        }
    }

    /** What a pass made of a token, and until when another pass could not drop more. */
    private record Cleaned(GapAwareTrackingToken token, Instant until) {
    }

    /** The position to truncate at (none: -1), and the time of the young row the pass stopped at, if it did. */
    private record Pass(long truncateAt, Instant stoppedAtRowOf) {
    }

    /** @param connections the engine's own, closed after each use as Axon's statements close them */
    GapCleaning(Supplier<Connection> connections, EventSchema schema) {
        this.connections = connections;
        this.schema = schema;
    }

    /** {@code token} without the gaps that stay empty; {@code token} itself when it has too few to clean. */
    GapAwareTrackingToken clean(GapAwareTrackingToken token) {
        if (token.getGaps().size() <= THRESHOLD) {
            return token;
        }
        Instant now = GenericEventMessage.clock.instant();
        Cleaned known;
        synchronized (cleaned) {
            known = cleaned.get(new Same(token));
        }
        if (known != null && now.isBefore(known.until()) && noneFilled(token.getGaps().headSet(
                known.token().getGaps().isEmpty() ? Long.MAX_VALUE : known.token().getGaps().first()))) {
            return known.token();
        }
        Pass pass = pass(token, now.minus(TIMEOUT));
        GapAwareTrackingToken result = pass.truncateAt() < 0 ? token : token.withGapsTruncatedAt(pass.truncateAt());
        Instant until = pass.stoppedAtRowOf() == null ? Instant.MAX : pass.stoppedAtRowOf().plus(TIMEOUT);
        synchronized (cleaned) {
            cleaned.put(new Same(token), new Cleaned(result, until));
        }
        return result;
    }

    /** Axon's rule in one pass: the position to truncate at is the last row after a gap before the pass stops. */
    private Pass pass(GapAwareTrackingToken token, Instant timedOut) {
        SortedSet<Long> gaps = token.getGaps();
        String position = schema.globalIndexColumn();
        String sql = "SELECT " + position + ", " + schema.timestampColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + position + " >= ? AND " + position + " <= ? ORDER BY " + position + " ASC";
        return JdbcUtils.executeQuery(connections.get(), connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setLong(1, gaps.first());
            statement.setLong(2, gaps.last());
            return statement;
        }, rows -> lastRowAfterAGap(rows, gaps, timedOut), e -> new EventStoreException(
                "cannot read the rows between the gaps of token " + token.getIndex() + " to clean it", e));
    }

    private static Pass lastRowAfterAGap(ResultSet rows, SortedSet<Long> gaps, Instant timedOut) throws SQLException {
        long truncateAt = -1;
        while (rows.next()) {
            long row = rows.getLong(1);
            if (gaps.contains(row)) {
                // an event committed late into a gap: it is read next, and the token moves on
                return new Pass(truncateAt, null);
            }
            Instant written;
            try {
                written = DateTimeUtils.parseInstant(rows.getString(2));
            } catch (DateTimeParseException e) {
                log.info("A timestamp in the event store cannot be read ({}); the gaps after it are kept",
                        e.getMessage());
                return new Pass(truncateAt, null);
            }
            if (written.isAfter(timedOut)) {
                return new Pass(truncateAt, written);
            }
            if (gaps.contains(row - 1)) {
                truncateAt = row;
            }
        }
        return new Pass(truncateAt, null);
    }

    /** Whether none of these positions, dropped by an earlier pass, holds an event now. */
    private boolean noneFilled(SortedSet<Long> dropped) {
        if (dropped.isEmpty()) {
            return true;
        }
        String position = schema.globalIndexColumn();
        String sql = "SELECT COUNT(*) FROM " + schema.domainEventTable() + " WHERE " + position + " = ANY(?)";
        long filled = JdbcUtils.executeQuery(connections.get(), connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, connection.createArrayOf("BIGINT", dropped.toArray()));
            return statement;
        }, rows -> rows.next() ? rows.getLong(1) : 0L, e -> new EventStoreException(
                "cannot look up the gaps dropped from a token", e));
        return filled == 0;
    }
}
