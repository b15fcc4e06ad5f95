package de.lokalebuendnisse.platform.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Empties a collection a bounded number of documents at a time, as a projection's reset before a rebuild does.
 * <p>
 * {@code deleteMany({})} is one statement on MongoDB, but the embedded stand-in answers it by collecting every
 * document of the collection in memory first and removing them after: the query service ran out of its 160 MB heap
 * resetting a directory of about 16,000 alliances in the benchmark (26 KB of heap for a document with 41 partners), and the
 * stand-in's store then stayed unusable until a restart; the auditors' chain records hold one document per event. Here
 * a find without a sort names at most {@link #CHUNK} ids (the stand-in stops reading at the limit and keeps only the
 * ids), and those are deleted by {@code _id $in}, which both stores answer from the {@code _id} index.
 */
public final class ChunkedDeletes {

    /**
     * Documents named and deleted per round. The stand-in checks each document it found by the index against the whole
     * {@code $in} list again, so a round costs the square of its size: resetting 35,000 documents took about 3 s in
     * rounds of 500.
     */
    static final int CHUNK = 100;

    private ChunkedDeletes() {
    }

    /** Deletes every document of {@code collection}; returns how many there were. */
    public static long deleteAll(MongoCollection<?> collection) {
        MongoCollection<Document> documents = collection.withDocumentClass(Document.class);
        long deleted = 0;
        while (true) {
            List<Object> ids = new ArrayList<>(CHUNK);
            documents.find().projection(Projections.include("_id")).limit(CHUNK).batchSize(CHUNK)
                    .forEach(document -> ids.add(document.get("_id")));
            if (ids.isEmpty()) {
                return deleted;
            }
            deleted += documents.deleteMany(Filters.in("_id", ids)).getDeletedCount();
        }
    }
}
