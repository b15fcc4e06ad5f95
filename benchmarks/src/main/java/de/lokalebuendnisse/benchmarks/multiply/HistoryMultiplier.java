package de.lokalebuendnisse.benchmarks.multiply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.lokalebuendnisse.benchmarks.baseline.RawBaselines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Makes a large event store from a seeded one without sending millions of commands: copies the alliances' streams
 * of the stored history {@code copies} times into the same event table over JDBC, each copy a set of new alliances
 * that the command side could have written itself. Runs while no service has the store open.
 * <p>
 * What a copy is, event by event of every stream of aggregate type {@value #ALLIANCE_TYPE}, in the order the
 * originals were stored:
 * <ul>
 * <li>a new alliance id, the original's with {@code -x<copy>} appended, as aggregate identifier
 * ({@value #ALLIANCE_PREFIX}&lt;id&gt;) and in the payload wherever the original id is a JSON string (the
 * {@code buendnisId} field); partner ids are per alliance ({@code p1}, {@code p2}, ...) and stay as they were;</li>
 * <li>a new event identifier; the same sequence number (so each new stream counts 0, 1, 2, ... as its original);</li>
 * <li>the next global position after the store's head, without gaps: the positions are given with the rows (H2
 * stores its sequence, and with it the whole store, each time it hands out a position one by one: more than half
 * of the copying time in a profile), and the column's identity restarts after the last copy at the end, so the
 * command side appends after it as before;</li>
 * <li>the original's timestamp, payload type and revision, and metadata with the caller's identity as it was;
 * the message ids in it ({@code correlationId}, {@code causationId}) and the idempotency key's hash replaced by
 * values of the copy's own (derived from the copy number and the original value, so the events of one command
 * still share theirs), because a copy stands for commands of its own.</li>
 * </ul>
 * Shared streams (survey campaigns, award periods, the audit ledger) are not copied: a campaign or a period exists
 * once, so the copies are alliances that registered, took partners, updated, paused, resumed or dissolved as their
 * originals did, but answered no survey and hold no seal. The command side's processes see the copies as new
 * events when they start (the award intake forwards pauses, resumptions and dissolutions to the periods still
 * open), and the audit chain simply goes on over them: the chain is recomputed from the stored events, so the copied
 * history verifies like any other. Streams that hold personal data (contact persons, sealed with a key per person)
 * are refused rather than copied, since a copy would share the original person's key; the seed adds none.
 */
public final class HistoryMultiplier {

    /** Axon's aggregate type column of an alliance's events. */
    static final String ALLIANCE_TYPE = "Buendnis";
    /** How an alliance id is written as aggregate identifier. */
    static final String ALLIANCE_PREFIX = "buendnis:";
    /** The events of an alliance's stream a copy can be made of: those without personal data. */
    static final Set<String> COPYABLE = Set.of("BuendnisRegistered", "BuendnisProfileUpdated", "PartnerAdded",
            "PartnerRemoved", "BuendnisPaused", "BuendnisResumed", "BuendnisDissolved");
    /** Metadata values that name a message or a request: each copy has its own. */
    static final List<String> MESSAGE_IDS = List.of("correlationId", "causationId");
    static final String IDEMPOTENCY_KEY_HASH = "idempotencyKeyHash";

    private static final int BATCH = 1000;
    /**
     * Rows per transaction: each commit writes every index page the rows touched (the event ids are random, so
     * nearly all of them); commits were a third of the samples in a profile with a commit per batch of 1000, and
     * committing every 20,000 rows saved about 5 % of the CPU time of a copy.
     */
    private static final int ROWS_PER_COMMIT = 20 * BATCH;
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    private static final String COLUMNS = "eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData";

    private final ObjectMapper json = new ObjectMapper();

    /** What one multiplication did. */
    public record Result(long alliances, long eventsPerCopy, int copies, long eventsWritten, long headBefore,
                         long headAfter, double seconds) {

        public double eventsPerSecond() {
            return eventsWritten / seconds;
        }
    }

    /** One stored event of an alliance's stream. */
    record Row(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
               String timeStamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    /**
     * Appends {@code copies} copies of every alliance's stream to the store at {@code url}; {@code progress} hears a
     * line every few seconds.
     */
    public Result multiply(String url, int copies, Consumer<String> progress) throws SQLException {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, not " + copies);
        }
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.setAutoCommit(false);
            long headBefore = head(connection);
            List<Row> originals = alliancesStreams(connection, headBefore);
            if (originals.isEmpty()) {
                throw new IllegalStateException("the store holds no alliance's stream to copy");
            }
            Set<String> alliances = new LinkedHashSet<>();
            originals.forEach(row -> alliances.add(row.aggregateIdentifier()));
            progress.accept(String.format(Locale.ROOT, "%d events in the streams of %d alliances (store head %d),"
                    + " %d copies to write", originals.size(), alliances.size(), headBefore, copies));
            long written = 0;
            long uncommitted = 0;
            long nextReport = System.nanoTime() + PROGRESS_NANOS;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (globalIndex, "
                    + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int copy = 1; copy <= copies; copy++) {
                    int pending = 0;
                    for (Row original : originals) {
                        insert.setLong(1, headBefore + written + pending + 1);
                        bind(insert, copyOf(original, copy));
                        insert.addBatch();
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            written += pending;
                            uncommitted += pending;
                            pending = 0;
                            if (uncommitted >= ROWS_PER_COMMIT) {
                                connection.commit();
                                uncommitted = 0;
                            }
                        }
                        if (System.nanoTime() >= nextReport) {
                            progress.accept(String.format(Locale.ROOT, "copy %d of %d: %d events written, %.0f/s",
                                    copy, copies, written, written / ((System.nanoTime() - start) / 1e9)));
                            nextReport = System.nanoTime() + PROGRESS_NANOS;
                        }
                    }
                    if (pending > 0) {
                        insert.executeBatch();
                        written += pending;
                    }
                }
            }
            // the next event the command side appends takes the position after the copies
            try (Statement restart = connection.createStatement()) {
                restart.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH "
                        + (headBefore + written + 1));
            }
            connection.commit();
            long headAfter = head(connection);
            long stored = count(connection, headBefore);
            // the copies' positions must follow the head one by one: a gap or a missing row is not a history
            if (stored != written || headAfter != headBefore + written) {
                throw new IllegalStateException("wrote " + written + " events after position " + headBefore
                        + ", but the store holds " + stored + " there and its head is " + headAfter);
            }
            return new Result(alliances.size(), originals.size(), copies, written, headBefore, headAfter,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static long head(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet result = select.executeQuery("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long count(Connection connection, long after) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?")) {
            select.setLong(1, after);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Every event of the alliances' streams up to {@code head}, in position order; refuses what it cannot copy. */
    private static List<Row> alliancesStreams(Connection connection, long head) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM DomainEventEntry WHERE type = ? AND globalIndex <= ? ORDER BY globalIndex")) {
            select.setFetchSize(BATCH);
            select.setString(1, ALLIANCE_TYPE);
            select.setLong(2, head);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Row row = new Row(result.getString(1), result.getString(2), result.getLong(3),
                            result.getString(4), result.getString(5), result.getString(6), result.getString(7),
                            result.getBytes(8), result.getBytes(9));
                    String simpleName = row.payloadType().substring(row.payloadType().lastIndexOf('.') + 1);
                    if (!COPYABLE.contains(simpleName)) {
                        throw new IllegalStateException("cannot copy " + row.payloadType() + " of "
                                + row.aggregateIdentifier() + ": only " + COPYABLE + " are copied (personal data"
                                + " is sealed with a key per person, which a copy would share)");
                    }
                    if (!row.aggregateIdentifier().startsWith(ALLIANCE_PREFIX)) {
                        throw new IllegalStateException("an alliance's event with aggregate identifier "
                                + row.aggregateIdentifier() + ", not " + ALLIANCE_PREFIX + "<id>");
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The alliance id of copy {@code copy} of the alliance {@code id}. */
    static String copiedId(String id, int copy) {
        return id + "-x" + copy;
    }

    Row copyOf(Row original, int copy) {
        String id = original.aggregateIdentifier().substring(ALLIANCE_PREFIX.length());
        String newId = copiedId(id, copy);
        String payload = new String(original.payload(), StandardCharsets.UTF_8);
        // ids are letters, digits, '-' and '_': as a JSON string they are written as they are, so this finds
        // exactly the string values equal to the id
        String quoted = "\"" + id + "\"";
        if (!payload.contains(quoted)) {
            throw new IllegalStateException("the payload of " + original.eventIdentifier() + " does not name its"
                    + " alliance " + id + ": " + payload);
        }
        String copiedPayload = payload.replace(quoted, "\"" + newId + "\"");
        return new Row(derived(copy, original.eventIdentifier()), ALLIANCE_PREFIX + newId,
                original.sequenceNumber(), original.type(), original.timeStamp(), original.payloadType(),
                original.payloadRevision(), copiedPayload.getBytes(StandardCharsets.UTF_8),
                copiedMetaData(original.metaData(), copy));
    }

    private byte[] copiedMetaData(byte[] metaData, int copy) {
        if (metaData == null) {
            return null;
        }
        try {
            ObjectNode copied = (ObjectNode) json.readTree(metaData);
            for (String key : MESSAGE_IDS) {
                if (copied.hasNonNull(key)) {
                    copied.put(key, derived(copy, copied.get(key).asText()));
                }
            }
            if (copied.hasNonNull(IDEMPOTENCY_KEY_HASH)) {
                copied.put(IDEMPOTENCY_KEY_HASH, sha256(copy + ":" + copied.get(IDEMPOTENCY_KEY_HASH).asText()));
            }
            return json.writeValueAsBytes(copied);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable metadata " + new String(metaData, StandardCharsets.UTF_8), e);
        }
    }

    /** A new identifier for {@code original} in copy {@code copy}: the same original gives the same one. */
    static String derived(int copy, String original) {
        return UUID.nameUUIDFromBytes(("lbf-bench-copy-" + copy + ":" + original).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Binds the row's columns after the position. */
    private static void bind(PreparedStatement insert, Row row) throws SQLException {
        insert.setString(2, row.eventIdentifier());
        insert.setString(3, row.aggregateIdentifier());
        insert.setLong(4, row.sequenceNumber());
        insert.setString(5, row.type());
        insert.setString(6, row.timeStamp());
        insert.setString(7, row.payloadType());
        insert.setString(8, row.payloadRevision());
        insert.setBytes(9, row.payload());
        insert.setBytes(10, row.metaData());
    }

    /**
     * Multiplies a kept data folder's store by hand, e.g. to time the copying alone:
     * {@code HistoryMultiplier <data folder> <copies>}; no service may run on it.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HistoryMultiplier <data folder of a stopped run> <copies>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        Result result = new HistoryMultiplier().multiply(RawBaselines.storeUrl(dataDir), Integer.parseInt(args[1]), System.out::println);
        System.out.println(result + String.format(Locale.ROOT, ", %.0f events/s", result.eventsPerSecond()));
    }
}
