package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The stand-in's collections, whose updates store a new document instead of changing the one the collection holds.
 * <p>
 * mongo-java-server updates a document in place: it changes the very object its collection keeps and puts it back.
 * That object may at the same moment be read elsewhere: by H2's background writer, which stores the file while a
 * large command (a processor batch's bulk write) is still changing documents, and by the encoding of another
 * connection's answer, which runs after the collection has been left. Found from outside: a directory rebuild on the
 * query service's file ended with H2's writer failing on a document mid-change (ConcurrentModificationException);
 * H2 then closed the file, and every command of every projection failed until the service was restarted. A writer
 * that does not fail stores a document half changed.
 * <p>
 * So while an update or findAndModify runs (the collection's monitor is held: the stand-in synchronizes each
 * collection's commands), the documents it finds are handed to it as copies, and what it stores is the changed copy.
 * Queries still get the held documents, unchanged for good: nothing changes a document after it was stored.
 */
final class CopyOnUpdate {

    private CopyOnUpdate() {
    }

    /**
     * Whether one collection's update runs, and the copies it is handed meanwhile. Used only holding the collection's
     * monitor, as its commands are.
     */
    private static final class Updating {

        private boolean now;

        Document during(Supplier<Document> update) {
            now = true;
            try {
                return update.get();
            } finally {
                now = false;
            }
        }

        /** {@code found} as the caller may use it: during an update each document copied, for it to change. */
        QueryResult handedOut(QueryResult found) {
            if (!now) {
                return found;
            }
            List<Document> copies = new ArrayList<>();
            for (Document document : found) {
                copies.add(document.cloneDeeply());
            }
            return new QueryResult(copies, found.getCursorId());
        }
    }

    /** A collection of the stand-in's file (an H2 map of documents). */
    static final class InFile extends H2Collection {

        private final Updating updating = new Updating();
        private final MVMap<Object, Document> documents;

        InFile(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> documents,
               MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, documents, meta, cursorRegistry);
            this.documents = documents;
        }

        /**
         * The {@code count} command with a filter counts the documents as they are read and keeps none. The
         * stand-in's own count gathered the identifier of every matching document in one list first, so memory grew
         * with the count (its aggregation, which {@code countDocuments} sends, gathers every whole document: at
         * 46,504 audit entries that filled the auditors' service's heap, and H2 then closed the file). The map is
         * read from one version of it, as H2 does for every iteration, so no lock is needed.
         */
        @Override
        public int count(Document query, int skip, int limit) {
            if (query == null || query.isEmpty() || skip > 0 || limit > 0) {
                return super.count(query, skip, limit);
            }
            int matching = 0;
            for (Document document : documents.values()) {
                if (documentMatchesQuery(document, query)) {
                    matching++;
                }
            }
            return matching;
        }

        @Override
        public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                     boolean isMulti, boolean isUpsert, Oplog oplog) {
            return updating.during(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert,
                    oplog));
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            return updating.during(() -> super.findAndModify(query));
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            return updating.handedOut(super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector));
        }

        /** A sorted page with a limit holds only the documents it may answer ({@link BoundedSort}). */
        @Override
        protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
                                                       int numberToSkip, int limit, int batchSize,
                                                       Document fieldSelector) {
            return BoundedSort.answer(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector,
                    deriveComparator(orderBy), document -> documentMatchesQuery(document, query),
                    super::matchDocumentsFromStream);
        }

        /**
         * What an aggregation reads, as the map holds it, one document after another. The stock stand-in gathered
         * every whole document of the collection in one list first ({@code countDocuments} is an aggregation): at
         * 24,700 alliances about 55 MB for each count of the directory. Read from one version of the map, as
         * {@link #count} reads it; stored documents are never changed (see above).
         */
        @Override
        public Stream<Document> queryAllAsStream() {
            return documents.values().stream();
        }
    }

    /** A collection of the stand-in in memory. */
    static final class InMemory extends MemoryCollection {

        /**
         * The stock collection's list of documents by position: it stores nothing at an update (the document it
         * changed in place is already in the list), so the changed copy is put there from here.
         */
        private static final Field DOCUMENTS;

        static {
            try {
                DOCUMENTS = MemoryCollection.class.getDeclaredField("documents");
                DOCUMENTS.setAccessible(true);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("mongo-java-server's memory collection keeps no list of documents", e);
            }
        }

        private final Updating updating = new Updating();

        InMemory(MongoDatabase database, String collectionName, CollectionOptions options,
                 CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            try {
                ((List<Document>) DOCUMENTS.get(this)).set(position, newDocument);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                     boolean isMulti, boolean isUpsert, Oplog oplog) {
            return updating.during(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert,
                    oplog));
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            return updating.during(() -> super.findAndModify(query));
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            return updating.handedOut(super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector));
        }

        /** A sorted page as in the file ({@link BoundedSort}), so both stand-ins answer alike. */
        @Override
        protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
                                                       int numberToSkip, int limit, int batchSize,
                                                       Document fieldSelector) {
            return BoundedSort.answer(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector,
                    deriveComparator(orderBy), document -> documentMatchesQuery(document, query),
                    super::matchDocumentsFromStream);
        }
    }

    /** The stand-in in memory, its collections {@link InMemory}. */
    static final class MemoryStandIn extends MemoryBackend {

        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                    return new InMemory(this, collectionName, options, cursorRegistry);
                }
            };
        }
    }
}
