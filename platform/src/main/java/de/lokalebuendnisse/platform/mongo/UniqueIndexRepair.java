package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Checks the unique indexes of a database in the stand-in's file against the documents when the file is opened, and
 * repairs them where they disagree.
 * <p>
 * Why they can disagree: the stand-in keeps a collection's documents and each unique index in maps of their own and
 * changes them one after the other (an insert puts the document, then its index entries; a delete removes the index
 * entries, then the document). A store of the file between the two steps (MVStore's background writer, or its
 * commit when a command's unsaved changes pass its buffer), followed by a {@code kill -9}, leaves a document its
 * index does not know (every later upsert of it failed with "Document with key … already existed") or an index entry
 * pointing at no document (every insert of that key refused as a duplicate). The background writer takes the maps'
 * roots one after the other while commands go on, so one store can catch one collection in both states at once: an
 * entry missing and another dangling, with the counts equal. Counts alone therefore prove nothing after an unclean
 * stop, and such a file is checked entry by entry, which reads each collection once (about 3 s for 40,000 small
 * documents on a cold JVM, most of it the stand-in's Java deserialization of the documents).
 * <p>
 * A file closed cleanly (no command in flight, every change stored; see {@link DurableH2Backend#close()}) after an
 * opening that checked it cannot disagree; for it only the {@code _id} indexes' counts are compared (each document
 * has exactly one {@code _id} entry), which reads no document.
 */
final class UniqueIndexRepair {

    private static final Logger log = LoggerFactory.getLogger(UniqueIndexRepair.class);

    /** The stand-in's names of a collection's document map and its index maps (see its {@code H2Database}). */
    private static final String DOCUMENTS_PREFIX = "databases.";

    private UniqueIndexRepair() {
    }

    /**
     * @param closedCleanly the file was closed cleanly after its last opening, so only counts are compared
     */
    static void checkAndRepair(MVStore store, MongoDatabase database, boolean closedCleanly) {
        String collectionsPrefix = DOCUMENTS_PREFIX + database.getDatabaseName() + ".";
        for (String mapName : store.getMapNames()) {
            if (!mapName.startsWith(collectionsPrefix)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            MongoCollection<Object> collection = (MongoCollection<Object>) database
                    .resolveCollection(mapName.substring(collectionsPrefix.length()), false);
            if (collection != null) {
                checkAndRepair(store, collection, closedCleanly);
            }
        }
    }

    private static void checkAndRepair(MVStore store, MongoCollection<Object> collection, boolean closedCleanly) {
        MVMap<Object, Document> documents = DurableH2Backend.openDocumentsMap(store,
                DOCUMENTS_PREFIX + collection.getFullName());
        StringJoiner repairs = new StringJoiner("; ");
        for (Index<Object> index : collection.getIndexes()) {
            String indexMapName = collection.getFullName() + IndexKeys.MAP_INFIX + index.getName();
            if (!(index instanceof AbstractUniqueIndex<Object> unique) || !store.hasMap(indexMapName)) {
                continue;
            }
            MVMap<KeyValue, Object> entries = DurableH2Backend.openIndexMap(store, indexMapName);
            // after a clean close only the _id count is compared: another unique index's count says nothing (a
            // sparse index leaves documents out, an array gives a document several entries)
            if (closedCleanly && (!isPrimaryKey(unique) || documents.sizeAsLong() == entries.sizeAsLong())) {
                continue;
            }
            Repair repair = repair(documents, entries, unique);
            if (repair.found()) {
                repairs.add(repair.describe(index.getName()));
            }
        }
        if (repairs.length() > 0) {
            log.warn("Stand-in file {}: the unique indexes of {} ({} documents) disagreed with its documents, as a "
                            + "kill in the middle of a write leaves them, and were repaired: {}",
                    store.getFileStore().getFileName(),
                    collection.getFullName(), documents.sizeAsLong(), repairs);
        }
    }

    private static boolean isPrimaryKey(Index<Object> index) {
        List<IndexKey> keys = index.getKeys();
        return keys.size() == 1 && keys.get(0).getKey().equals("_id");
    }

    /**
     * The index is walked, each entry's document fetched by its position: a look-up by a document's key costs more,
     * because the file compares index keys by their encoded bytes ({@link IndexKeys}: each key encoded once
     * while cached, then compared byte by byte), positions (the {@code _id}s) it compares directly. Only when fewer entries were right than the documents need (for {@code _id} one each, so no document
     * is read for that) are the documents walked to find those missing, which is slow but happens only on a repair.
     */
    private static Repair repair(MVMap<Object, Document> documents, MVMap<KeyValue, Object> entries,
                                 AbstractUniqueIndex<Object> index) {
        boolean sparse = Boolean.TRUE.equals(index.toIndexDescription().get("sparse"));
        long right = 0;
        List<KeyValue> dangling = new ArrayList<>();
        for (Map.Entry<KeyValue, Object> entry : entries.entrySet()) {
            Document document = documents.get(entry.getValue());
            if (document != null && expectedKeys(index, sparse, document).contains(entry.getKey())) {
                right++;
            } else {
                dangling.add(entry.getKey());
            }
        }
        dangling.forEach(entries::remove);

        long expected = isPrimaryKey(index) ? documents.sizeAsLong() : documents.values().stream()
                .mapToLong(document -> expectedKeys(index, sparse, document).size()).sum();
        long added = 0;
        long duplicates = 0;
        if (expected > right) {
            for (Map.Entry<Object, Document> document : documents.entrySet()) {
                for (KeyValue key : expectedKeys(index, sparse, document.getValue())) {
                    Object position = entries.putIfAbsent(key, document.getKey());
                    if (position == null) {
                        added++;
                    } else if (!position.equals(document.getKey())) {
                        // another document with the same key holds the entry: the index cannot hold both
                        duplicates++;
                    }
                }
            }
        }
        return new Repair(added, dangling.size(), duplicates);
    }

    /** The entries the stand-in's own {@code add} gives a document (none for a sparse index without its keys). */
    private static Set<KeyValue> expectedKeys(AbstractUniqueIndex<Object> index, boolean sparse, Document document) {
        if (sparse && index.getKeys().stream().allMatch(key ->
                Utils.getSubdocumentValueCollectionAware(document, key.getKey()) instanceof Missing)) {
            return Set.of();
        }
        return index.getKeyValues(document);
    }

    private record Repair(long added, long removed, long duplicates) {

        /** Anything that disagreed, repaired or not. */
        boolean found() {
            return added > 0 || removed > 0 || duplicates > 0;
        }

        String describe(String indexName) {
            StringJoiner parts = new StringJoiner(", ", "index " + indexName + ": ", "");
            parts.add(added + " missing entries added");
            parts.add(removed + " entries removed that pointed at no document with their key");
            if (duplicates > 0) {
                parts.add(duplicates + " documents left out, their key already taken by another document");
            }
            return parts.toString();
        }
    }
}
