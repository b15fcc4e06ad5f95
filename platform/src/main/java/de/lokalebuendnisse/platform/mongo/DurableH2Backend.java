package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The MongoDB stand-in's H2 file backend, made durable: mongo-java-server's own backend leaves writes in memory
 * until MVStore's background writer stores them (about a second later), so a {@code kill -9} lost the idempotency
 * records of requests already answered (command side) or the record that a rebuild had started while its documents
 * were already gone (query side). Here every command that changed data is written to the file before its
 * reply goes out, as a MongoDB with journaled writes does.
 * <p>
 * The commit after a command waits until no other command is in the middle of its work: the stand-in puts a
 * document into its collection's map first and into the collection's {@code _id} index after, and a commit after
 * another connection's command in between, followed by a {@code kill -9}, left a document its index did not know:
 * every later upsert of it failed with "Document with key … already existed", and the auditors' chain projection
 * stopped for good. MVStore's background writer can still store the file in the middle of a command (once a second,
 * or when a command's unsaved changes pass its buffer); it stays on, because without it a large command (a rebuild's
 * delete of a whole collection) held all its changes in the heap until its end and ran out of memory. So at every
 * opening of the file each collection's unique indexes are checked against its documents and repaired where they
 * disagree ({@link UniqueIndexRepair}): entry by entry after an unclean stop (a read of every collection), by the
 * {@code _id} counts only after a clean close, which this class marks in the file and removes again as soon as the
 * file is open.
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

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    /** H2's own target for the live share of the file's chunks, below which its background writer rewrites them. */
    static final int H2_COMPACT_FILL_RATE = 90;

    /** H2's own size of the page cache, in megabytes. */
    static final int H2_CACHE_MEGABYTES = 16;

    /**
     * @param retention       how long space the file no longer needs is kept before it is written over (see
     *                        {@code lbf.mongo.embedded-retention}): with a commit per command, every update within it
     *                        takes new space, so on the query side's catch-up the file reached 42 times its documents
     * @param compactFillRate below which live share of the file's chunks (percent, 1 to 100) MVStore's background
     *                        writer rewrites them (see {@code lbf.mongo.embedded-compact-fill-rate}): toward it
     *                        while the file is idle, so with a target the file does not reach by itself (H2's 90,
     *                        the default) after every start; toward its square while busy
     * @param cacheMegabytes  how much of the file's pages, decoded, H2 keeps in the heap (see
     *                        {@code lbf.mongo.embedded-cache-size}; H2's own 16 MB by default)
     */
    DurableH2Backend(String file, Duration retention, int compactFillRate, int cacheMegabytes) {
        super(open(file, retention, compactFillRate, cacheMegabytes));
        // the databases were opened (and checked) in super(); from now on a kill -9 leaves the file unchecked
        MVStore store = getMvStore();
        cleanClose(store).remove(CLOSED_CLEANLY);
        store.commit();
    }

    /** With H2's own page cache. */
    DurableH2Backend(String file, Duration retention, int compactFillRate) {
        this(file, retention, compactFillRate, H2_CACHE_MEGABYTES);
    }

    /** With H2's own compaction target and page cache. */
    DurableH2Backend(String file, Duration retention) {
        this(file, retention, H2_COMPACT_FILL_RATE);
    }

    /** With H2's own retention time (45 s) and compaction target. */
    DurableH2Backend(String file) {
        this(file, Duration.ofSeconds(45));
    }

    private static MVStore open(String file, Duration retention, int compactFillRate, int cacheMegabytes) {
        if (compactFillRate < 1 || compactFillRate > 100) {
            throw new IllegalArgumentException(
                    "lbf.mongo.embedded-compact-fill-rate is a percentage from 1 to 100, not " + compactFillRate);
        }
        if (cacheMegabytes < 1) {
            throw cacheSizeRefused(cacheMegabytes + "MB");
        }
        MVStore store = new MVStore.Builder().fileName(file).autoCompactFillRate(compactFillRate)
                .cacheSize(cacheMegabytes).open();
        store.setRetentionTime(Math.toIntExact(retention.toMillis()));
        return store;
    }

    /** {@code lbf.mongo.embedded-cache-size} in the whole megabytes H2 takes. */
    static int cacheMegabytes(DataSize size) {
        if (size.toBytes() % DataSize.ofMegabytes(1).toBytes() != 0) {
            throw cacheSizeRefused(size.toString());
        }
        return Math.toIntExact(size.toMegabytes());
    }

    private static IllegalArgumentException cacheSizeRefused(String size) {
        return new IllegalArgumentException(
                "lbf.mongo.embedded-cache-size is at least 1MB, in whole megabytes, not " + size);
    }

    private static final StoredDocuments STORED_DOCUMENTS = new StoredDocuments();

    /** Commands share it; their commits take it alone, so no other command is half done in what they write. */
    private final ReentrantReadWriteLock betweenCommands = new ReentrantReadWriteLock(true);

    /**
     * A map of its own for the mark of a clean close; its name has no dot, so the stand-in takes it for no database
     * and no database's drop removes it.
     */
    static final String CLEAN_CLOSE_MAP = "lbf-clean-close";
    static final String CLOSED_CLEANLY = "closedCleanly";

    private static MVMap<String, Boolean> cleanClose(MVStore store) {
        return store.openMap(CLEAN_CLOSE_MAP);
    }

    /**
     * Called by the stand-in for each database in the file while it opens the file, and for each new database. Opening
     * may read every document of a collection (an index filled from them, a check after a kill), in one version.
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return readingOneVersion(() -> openDatabase(databaseName));
    }

    private MongoDatabase openDatabase(String databaseName) {
        MVStore store = getMvStore();
        H2Database database = new H2Database(databaseName, store, getCursorRegistry()) {
            /**
             * As the stock backend opens a collection (same map names), its documents written as BSON and never changed
             * once stored ({@link CopyOnUpdate}).
             */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String namespace = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> documents = openDocumentsMap(store, "databases." + namespace);
                MVMap<String, Object> meta = store.openMap("meta." + namespace);
                return new CopyOnUpdate.InFile(this, collectionName, options, documents, meta, cursorRegistry);
            }

            /**
             * A unique index over a map of its own, its keys written and compared as {@link IndexKeys}. An index of a
             * file written before (the stock backend's map and key type) is dropped, and its new map, empty, is
             * filled by the stand-in from the collection's documents, as it fills every empty index it opens.
             */
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                            List<IndexKey> keys, boolean sparse) {
                String namespace = getFullCollectionNamespace(collectionName);
                String mapName = namespace + IndexKeys.MAP_INFIX + indexName;
                String formerMapName = namespace + IndexKeys.FORMER_MAP_INFIX + indexName;
                if (store.hasMap(formerMapName)) {
                    dropFormerIndex(store, formerMapName, mapName);
                }
                MVMap<KeyValue, Object> entries = openIndexMap(store, mapName);
                return new StoredUniqueIndex(entries, indexName, keys, sparse);
            }

            @Override
            protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                               List<IndexKey> keys, boolean sparse) {
                return new IgnoredSecondaryIndex(indexName, keys);
            }
        };
        UniqueIndexRepair.checkAndRepair(store, database,
                Boolean.TRUE.equals(cleanClose(store).get(CLOSED_CLEANLY)));
        return database;
    }

    /**
     * Drops a unique index of the former key type. The file is first marked as not closed cleanly, so that a kill
     * while the stand-in fills the new index (a read of every document) leaves the index to be checked entry by
     * entry, and repaired, at the next opening ({@link UniqueIndexRepair}).
     */
    static void dropFormerIndex(MVStore store, String formerMapName, String mapName) {
        log.info("Stand-in file {}: the unique index {} is rebuilt as {} from its collection's documents, once (its "
                + "keys are now written compactly)", store.getFileStore().getFileName(), formerMapName, mapName);
        cleanClose(store).remove(CLOSED_CLEANLY);
        // each map opened with its own key type before it is removed: H2's removeMap(name) opens a map that is not
        // open yet with a generic type that cannot compare keys, and H2's background writer, rewriting the map's
        // pages in the meantime, then failed with "Can not compare" and closed the file (found from outside: 3 of 6
        // upgrades of a query service's file)
        store.removeMap(store.openMap(formerMapName));
        if (store.hasMap(mapName)) {
            store.removeMap(openIndexMap(store, mapName));
        }
        store.commit();
    }

    /** A collection's map of documents, written as {@link StoredDocuments}. */
    static MVMap<Object, Document> openDocumentsMap(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<Object, Document>().valueType(STORED_DOCUMENTS));
    }

    /** A unique index's map, its keys written and compared as {@link IndexKeys}. */
    static MVMap<KeyValue, Object> openIndexMap(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeys()));
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
            return readingOneVersion(() -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            betweenCommands.readLock().unlock();
            writeBetweenCommands();
        }
    }

    /**
     * Runs {@code read} with the file's version of now registered as in use, until it returns. A read goes on in the
     * version it began in while other commands commit, and H2 keeps the chunks of a version only while someone has
     * said they read it (and the last five by itself): its housekeeping rewrites the live pages of thin chunks
     * elsewhere and drops those chunks at once when they were written longer ago than the retention time. Found from
     * outside: the refill of a million-entry unique index at an upgrade failed with "Chunk 29364 not found".
     */
    <T> T readingOneVersion(Supplier<T> read) {
        MVStore store = getMvStore();
        MVStore.TxCounter inUse = store.registerVersionUsage();
        try {
            return read.get();
        } finally {
            store.deregisterVersionUsage(inUse);
        }
    }

    /**
     * Marks the file as closed cleanly: taken alone, after the commands in flight, so that the state stored with the
     * mark has no command half done, and the next opening may trust the counts.
     */
    @Override
    public void close() {
        betweenCommands.writeLock().lock();
        try {
            MVStore store = getMvStore();
            if (!store.isClosed()) {
                cleanClose(store).put(CLOSED_CLEANLY, Boolean.TRUE);
            }
            super.close();
        } finally {
            betweenCommands.writeLock().unlock();
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
        } finally {
            betweenCommands.writeLock().unlock();
        }
    }
}
