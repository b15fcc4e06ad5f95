package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets a reader act only on events the embedded store has written to its file.
 * <p>
 * H2 makes a commit visible to every other session first and writes it to the file after ({@code WRITE_DELAY=0}:
 * still inside the committing call, so the command is answered only once it is written). A processor of another
 * service that reads in between sees the event; if the process hosting the file dies before the write, the event is
 * gone, and its effects stay. Found from outside: 8 writers, {@code kill -9} of the command service (the host)
 * mid-load, restart; the auditors' history then held 4 entries at positions the store did not have (the identity
 * sequence had moved on past them), and verify answered BROKEN over a store nobody had touched.
 * <p>
 * {@link #awaitStored(Collection)} is called with the events just read, before they are handed out
 * ({@link FencedStorageEngine}). It asks the file's host to write everything committed so far ({@code CHECKPOINT}),
 * then confirms that the store holds every one of those events, each at the position it was read from. The
 * confirmation is needed because the checkpoint runs on a connection of its own: when the host dies between the
 * read and the checkpoint, the pool opens a new connection, to a new host (this process or another) that opened the
 * file as the dead one left it, and the checkpoint succeeds there on a file without the events read. Seen from
 * outside while the fence only checkpointed:
 * a directory entry for an event the store did not hold, once in about twenty such kills (this door is the likely
 * one; it was not reproduced on demand). If the
 * checkpoint fails or an event is missing, nothing read is handed out, and the reader reads again from where it
 * was, on what the file really holds. Callers arriving while a checkpoint is under way wait for the next one, which
 * covers them all.
 * <p>
 * With Axon Server an event is readable only once it is stored, so there is nothing to wait for; the same holds for
 * a JDBC store that is not H2 (PostgreSQL shows a commit once it is in its log), which is asked once and then left
 * alone.
 */
public final class StoreFence {

    private static final Logger log = LoggerFactory.getLogger(StoreFence.class);

    private final DataSource dataSource;
    private final EventSchema schema;
    private final Object lock = new Object();
    /** Callers so far, numbered; a write started after caller n covers callers 1 to n. */
    private long requested;
    /** Callers whose reads a finished write covers. */
    private long covered;
    private boolean writing;
    /** Whether the store shows commits before writing them (H2); null until first asked. */
    private volatile Boolean showsBeforeWriting;

    /** @param dataSource the embedded store's, with Axon's table names; {@code null} with Axon Server */
    public StoreFence(DataSource dataSource) {
        this(dataSource, new EventSchema());
    }

    public StoreFence(DataSource dataSource, EventSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public static StoreFence ofAxonServer() {
        return new StoreFence(null);
    }

    /** An event as a reader found it: its identifier at its own position (the row's global index). */
    public record ReadEvent(long position, String eventIdentifier) {
    }

    /**
     * Returns once these events, just read from the store, are in its file.
     *
     * @throws IllegalStateException when the store cannot be asked (its host died) or does not hold every one of
     *                               them where it was read (its host died before writing them); the caller must
     *                               not act on what it read
     */
    public void awaitStored(Collection<ReadEvent> read) {
        if (dataSource == null || Boolean.FALSE.equals(showsBeforeWriting) || read.isEmpty()) {
            return;
        }
        awaitWritten();
        if (Boolean.TRUE.equals(showsBeforeWriting)) {
            confirmHeld(read);
        }
    }

    /** Returns once everything committed to the store before this call is written to its file. */
    private void awaitWritten() {
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long covers;
            synchronized (lock) {
                while (writing && covered < ticket) {
                    waitForTheWrite();
                }
                if (covered >= ticket) {
                    return;
                }
                writing = true;
                covers = requested; // every caller numbered so far has read before the write starts
            }
            boolean written = false;
            try {
                write();
                written = true;
            } finally {
                synchronized (lock) {
                    writing = false;
                    if (written) {
                        covered = Math.max(covered, covers);
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * The events are in the file if the store holds them after the checkpoint: on the host that checkpointed, the
     * checkpoint wrote them; on a host that has opened the file since, they were in the file when it did. Each is
     * looked up at its position (the primary key) and must be held there under its identifier: a new host may store
     * a new event at the position of one it never had.
     * <p>
     * By position rather than by identifier alone because of what it costs the host: the positions of a batch lie
     * side by side in the table's own order, in pages the read has just touched, while identifiers are random and
     * each was a descent through an index that no cache holds at a million events (three quarters of the host's
     * CPU during the auditors' replay of a million-event store went into that lookup).
     */
    private void confirmHeld(Collection<ReadEvent> read) {
        Map<Long, String> expected = new HashMap<>();
        for (ReadEvent event : read) {
            expected.put(event.position(), event.eventIdentifier());
        }
        Map<Long, String> held = new HashMap<>();
        // one array parameter: the statement's text stays the same, so the host parses and plans it once per session
        String sql = "SELECT " + schema.globalIndexColumn() + ", " + schema.eventIdentifierColumn() + " FROM "
                + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " = ANY(?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("BIGINT", expected.keySet().toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    held.put(result.getLong(1), result.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the event store could not confirm that it holds what was read: "
                    + e.getMessage(), e);
        }
        long lost = expected.entrySet().stream()
                .filter(event -> !event.getValue().equals(held.get(event.getKey()))).count();
        if (lost > 0) {
            log.warn("The event store no longer holds {} of the {} events just read: its host stopped before writing "
                    + "them to its file. They are not handed out; reading goes on from the position before them.",
                    lost, expected.size());
            throw new IllegalStateException("the event store no longer holds " + lost + " of the "
                    + expected.size() + " events just read (its host stopped before writing them to its file)");
        }
    }

    private void waitForTheWrite() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event store to write its file", e);
        }
    }

    private void write() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (showsBeforeWriting == null) {
                String product = connection.getMetaData().getDatabaseProductName();
                showsBeforeWriting = "H2".equals(product);
                log.info(showsBeforeWriting
                        ? "The event store ({}) shows commits before writing them: each batch of a processor waits "
                        + "until the store has written what it read"
                        : "The event store ({}) shows commits once written: processors do not wait for it", product);
            }
            if (showsBeforeWriting) {
                statement.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the event store could not confirm that it has written what was read: "
                    + e.getMessage(), e);
        }
    }
}
