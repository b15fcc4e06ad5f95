package de.lokalebuendnisse.platform.jdbc;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Keeps an embedded H2 file from growing with every commit. {@code WRITE_DELAY=0} (an answered command is in the file
 * before its answer) makes H2 write one MVStore chunk per commit and also stops MVStore's background writer, the only
 * thread that rewrites chunks whose pages are mostly superseded. A chunk's space is reused only once none of its pages
 * is live, and many chunks keep one (the last rows of a leaf of the event table or of an index): of the ~55 KB chunk
 * each command wrote, 9 to 14 KB per event stayed in the file for good (chunks 7 to 11 % live a minute after a burst
 * of commands), and the file grew with every burst. This thread does the background
 * writer's rewriting instead: every {@code interval}, while the chunks hold less than {@code fillRate} percent live
 * data, it rewrites the live pages of the emptiest chunks (at most {@code writeLimit} bytes, MVStore's own
 * {@link MVStore#compact(int, int)}) and stores them. Those chunks then die and H2 writes new chunks into their space
 * once its retention time has passed, as it does with any dead chunk; the file keeps its size instead of growing.
 * <p>
 * It touches no row: a rewrite moves pages of the same version, under MVStore's store lock, as the background writer
 * of any H2 opened with the default {@code WRITE_DELAY} does, and a crash in between leaves the chunks written before
 * (copy on write). It is never interrupted (an interrupt inside an H2 file write closes the database): {@link #close}
 * asks it to stop and waits. With {@code AUTO_SERVER} only the process that opened the file first holds the MVStore;
 * the others' sessions are remote, so each process looks again every few seconds and works only while it is the host.
 */
public final class H2FileHousekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileHousekeeping.class);
    /** How long {@link #close} waits for a rewrite in progress. */
    private static final long STOP_WAIT_MILLIS = 30_000;
    /** How often a process that does not host the file asks again whether it does (the host may have stopped). */
    private static final long LOOKUP_MILLIS = 10_000;

    private final DataSource dataSource;
    private final long intervalMillis;
    private final int fillRate;
    private final int writeLimit;
    private final Object stopSignal = new Object();
    private final Thread thread;
    private volatile boolean stopping;
    /** The MVStore of the file while this process hosts it; looked up again once it is closed. */
    private MVStore hosted;
    /** When to look for the file's MVStore again after finding this process does not host it. */
    private long nextLookupNanos = System.nanoTime();

    private H2FileHousekeeping(DataSource dataSource, String name, Duration interval, int fillRate, int writeLimit) {
        if (fillRate < 1 || fillRate > 100) {
            throw new IllegalArgumentException("fill rate in percent, 1 to 100, not " + fillRate);
        }
        if (writeLimit < 1) {
            throw new IllegalArgumentException("write limit must be positive, not " + writeLimit);
        }
        this.dataSource = dataSource;
        this.intervalMillis = interval.toMillis();
        this.fillRate = fillRate;
        this.writeLimit = writeLimit;
        this.thread = new Thread(this::run, "h2-housekeeping-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts the housekeeping of the H2 file behind {@code dataSource}, or nothing if {@code interval} is zero. */
    public static H2FileHousekeeping start(DataSource dataSource, String name, Duration interval, int fillRate,
                                           int writeLimit) {
        H2FileHousekeeping housekeeping = new H2FileHousekeeping(dataSource, name, interval, fillRate, writeLimit);
        if (!interval.isZero()) {
            housekeeping.thread.start();
        }
        return housekeeping;
    }

    private void run() {
        while (!stopping) {
            synchronized (stopSignal) {
                if (stopping) {
                    return;
                }
                try {
                    stopSignal.wait(intervalMillis);
                } catch (InterruptedException e) {
                    // nobody interrupts this thread on purpose; stop as asked
                    return;
                }
            }
            if (!stopping) {
                try {
                    rewriteOnce();
                } catch (RuntimeException e) {
                    // the file may be closing (its process shuts down, or another took it over): look again next time
                    hosted = null;
                    LOG.debug("H2 housekeeping skipped: {}", e.toString());
                }
            }
        }
    }

    /**
     * One round: rewrites the emptiest chunks if the file's chunks hold less than the fill rate, and stores them.
     * Returns whether it rewrote anything (false also when this process does not host the file).
     */
    boolean rewriteOnce() {
        MVStore store = hostedStore();
        if (store == null || store.getFileStore() == null || store.getFileStore().isReadOnly()) {
            return false;
        }
        boolean rewritten = store.compact(fillRate, writeLimit);
        if (rewritten) {
            // without an append after it, the moved pages would wait in memory until the next commit
            store.tryCommit();
        }
        return rewritten;
    }

    /** The file's MVStore if this process opened it, else null. */
    private MVStore hostedStore() {
        MVStore store = hosted;
        if (store != null && !store.isClosed()) {
            return store;
        }
        hosted = null;
        if (System.nanoTime() - nextLookupNanos < 0) {
            return null;
        }
        nextLookupNanos = System.nanoTime() + LOOKUP_MILLIS * 1_000_000L;
        try (Connection connection = dataSource.getConnection()) {
            Session session = connection.unwrap(JdbcConnection.class).getSession();
            if (session instanceof SessionLocal local && local.getDatabase().isPersistent()) {
                hosted = local.getDatabase().getStore().getMvStore();
            }
        } catch (SQLException | MVStoreException e) {
            LOG.debug("H2 housekeeping cannot reach the file: {}", e.toString());
        }
        return hosted;
    }

    /** Asks the thread to stop after the round in progress and waits for it (no interrupt, see above). */
    @Override
    public void close() {
        stopping = true;
        synchronized (stopSignal) {
            stopSignal.notifyAll();
        }
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
