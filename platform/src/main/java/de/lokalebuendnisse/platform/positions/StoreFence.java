package de.lokalebuendnisse.platform.positions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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
 * {@link #awaitStored()} asks the file's host to write everything committed so far ({@code CHECKPOINT}) and returns
 * once it has: every event read before the call is then in the file. A processor calls it after fetching a batch and
 * before its first effect ({@link FencedBatches}); if the host dies first, the call fails, the batch is not
 * handled, and after the restart the processor reads what the file really holds. Callers arriving while a write is
 * under way wait for the next one, which covers them all: one write for every batch read meanwhile.
 * <p>
 * With Axon Server an event is readable only once it is stored, so there is nothing to wait for; the same holds for
 * a JDBC store that is not H2 (PostgreSQL shows a commit once it is in its log), which is asked once and then left
 * alone.
 */
public final class StoreFence {

    private static final Logger log = LoggerFactory.getLogger(StoreFence.class);

    private final DataSource dataSource;
    private final Object lock = new Object();
    /** Callers so far, numbered; a write started after caller n covers callers 1 to n. */
    private long requested;
    /** Callers whose reads a finished write covers. */
    private long covered;
    private boolean writing;
    /** Whether the store shows commits before writing them (H2); null until first asked. */
    private volatile Boolean showsBeforeWriting;

    /** @param dataSource the embedded store's; {@code null} with Axon Server */
    public StoreFence(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static StoreFence ofAxonServer() {
        return new StoreFence(null);
    }

    /**
     * Returns once everything committed to the store before this call is written to its file.
     *
     * @throws IllegalStateException when the store cannot be asked (its host died); the caller must not act on what
     *                               it read
     */
    public void awaitStored() {
        if (dataSource == null || Boolean.FALSE.equals(showsBeforeWriting)) {
            return;
        }
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
