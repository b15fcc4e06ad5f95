package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The MongoDB stand-in's H2 file backend, made durable: mongo-java-server's own backend leaves writes in memory
 * until MVStore's background writer stores them (about a second later), so a {@code kill -9} lost the idempotency
 * records of requests already answered (command side) or the record that a rebuild had started while its documents
 * were already gone (query side). Here every command that changed data is written to the file before its
 * reply goes out, as a MongoDB with journaled writes does.
 * <p>
 * What is written is a state between commands, never one in the middle of a command: the stand-in puts a document
 * into its collection's map first and into the collection's {@code _id} index after, and a store of the file in
 * between (by MVStore's background writer, or by the commit after another connection's command) followed by a
 * {@code kill -9} left a document its index did not know: every later upsert of it failed with "Document with key
 * … already existed", and the auditors' chain projection stopped for good. So the background writer is off, commands
 * run under a shared lock, and the file is written (and, now and then, compacted, which the background writer did)
 * only under the exclusive lock, between commands.
 * <p>
 * Written to the operating system, not synced to the disk: it survives the death of the process, not a power loss
 * (the README says so).
 * <p>
 * The stand-in keeps no secondary (non-unique) index: it answers those queries by a scan and says so in its log. Its
 * placeholder for such an index reports itself empty, so that at every opening of the file (every start) and every
 * {@code createIndex} the stand-in read each document of the collection twice to "fill" it: seconds per start for the
 * auditors' service, growing with the store. Here the placeholder is taken as filled. The indexes stay declared, and
 * real MongoDB builds them.
 */
final class DurableH2Backend extends H2Backend {

    /**
     * @param retention how long space the file no longer needs is kept before it is written over (see
     *                  {@code lbf.mongo.embedded-retention}): with a commit per command, every update within it
     *                  takes new space, so on the query side's catch-up the file reached 42 times its documents
     */
    DurableH2Backend(String file, Duration retention) {
        super(open(file, retention));
    }

    /** With H2's own retention time (45 s). */
    DurableH2Backend(String file) {
        this(file, Duration.ofSeconds(45));
    }

    private static MVStore open(String file, Duration retention) {
        MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
        store.setRetentionTime(Math.toIntExact(retention.toMillis()));
        return store;
    }

    /** How often the file is compacted, as MVStore's background writer would have (its default fill rate). */
    private static final long COMPACT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int COMPACT_TARGET_FILL_RATE = 90;
    private static final int COMPACT_BYTES_AT_MOST = 1 << 20;

    /** Commands share it; writing the file takes it alone, so no command is half done in what is written. */
    private final ReentrantReadWriteLock betweenCommands =
            new ReentrantReadWriteLock(true);
    private long lastCompacted = System.nanoTime();

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new H2Database(databaseName, getMvStore(), getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                               List<IndexKey> keys, boolean sparse) {
                return new IgnoredSecondaryIndex(indexName, keys);
            }
        };
    }

    /** The stand-in's placeholder for a secondary index, with nothing to fill. */
    static final class IgnoredSecondaryIndex extends EmptyIndex<Object> {

        IgnoredSecondaryIndex(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        betweenCommands.readLock().lock();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            betweenCommands.readLock().unlock();
            writeBetweenCommands();
        }
    }

    private void writeBetweenCommands() {
        MVStore store = getMvStore();
        if (!store.hasUnsavedChanges()) {
            return;
        }
        betweenCommands.writeLock().lock();
        try {
            if (store.hasUnsavedChanges()) {
                store.commit();
            }
            if (System.nanoTime() - lastCompacted > COMPACT_EVERY_NANOS) {
                lastCompacted = System.nanoTime();
                store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_BYTES_AT_MOST);
            }
        } finally {
            betweenCommands.writeLock().unlock();
        }
    }

    /** Whether MVStore writes the file on its own, in the background (it must not: see above). */
    boolean writesInTheBackground() {
        return getMvStore().getAutoCommitDelay() > 0;
    }
}
