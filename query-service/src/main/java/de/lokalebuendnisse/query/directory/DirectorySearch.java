package de.lokalebuendnisse.query.directory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The directory's search documents: per alliance only the fields a page filters and sorts by, derived from its
 * directory document. A page is found and ordered here and its few whole documents are then read by id.
 * <p>
 * Why a second collection: a store without secondary indexes (the embedded stand-in) reads, keeps and sorts every
 * matching document of a query in memory. The whole directory documents (partners, seals, sealed contacts) take about
 * 26 KB of heap each, so one page over 24,000 alliances ran the query service out of its heap; the search documents
 * take a tenth of that. Real MongoDB finds a page by these indexes either way.
 */
final class DirectorySearch {

    static final String COLLECTION = "directory_search";

    /** The fields a page filters or sorts by ({@code lastSurvey} keeps only its activity level). */
    private static final List<String> FIELDS = List.of("registered", "searchText", "bundesland", "futureTopics",
            "status", "organisationForm", "sealsHeld", "sortName", "sortPlace", "foundedOn");
    private static final String SURVEY = "lastSurvey";
    private static final String ACTIVITY_LEVEL = "activityLevel";
    private static final int FILL_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySearch.class);

    private DirectorySearch() {
    }

    /** One index per filter and sort that real MongoDB needs; the stand-in ignores non-unique ones. */
    static void declareIndexes(MongoCollection<?> search) {
        search.createIndex(Indexes.ascending("registered", "sortName", "_id"));
        // the filter the map and the lists use most, sorted by name as a page is: found and ordered by the index
        search.createIndex(Indexes.ascending("registered", "bundesland", "sortName", "_id"));
        search.createIndex(Indexes.ascending("status"));
        search.createIndex(Indexes.ascending("organisationForm"));
        search.createIndex(Indexes.ascending("futureTopics"));
        search.createIndex(Indexes.ascending("sealsHeld"));
        search.createIndex(Indexes.ascending("sortPlace"));
        search.createIndex(Indexes.ascending("foundedOn"));
        search.createIndex(Indexes.ascending(SURVEY + "." + ACTIVITY_LEVEL));
    }

    /** The search document of an alliance's directory document; null for none. */
    static BsonDocument of(BsonDocument alliance) {
        if (alliance == null) {
            return null;
        }
        BsonDocument search = new BsonDocument("_id", alliance.get("_id"));
        for (String field : FIELDS) {
            BsonValue value = alliance.get(field);
            if (value != null) {
                // the directory's copy in a batch changes later: arrays are not shared with it
                search.put(field, value.isArray() ? value.asArray().clone() : value);
            }
        }
        BsonValue survey = alliance.get(SURVEY);
        if (survey != null && survey.isDocument() && survey.asDocument().containsKey(ACTIVITY_LEVEL)) {
            search.put(SURVEY, new BsonDocument(ACTIVITY_LEVEL, survey.asDocument().get(ACTIVITY_LEVEL)));
        }
        return search;
    }

    /**
     * Derives every missing or stale search document from the directory when the two collections do not hold as many
     * documents: a directory written before the search documents existed, or a stop between the two collections'
     * writes of a batch whose events the processor has not handled again yet. Runs before the processor starts;
     * replacing is idempotent, so a stop in the middle is mended at the next start.
     */
    static void fillFrom(MongoCollection<?> directory, MongoCollection<?> search) {
        // counted from the collections' metadata: the stand-in answers countDocuments by reading every document
        long alliances = directory.estimatedDocumentCount();
        long searchable = search.estimatedDocumentCount();
        if (alliances == searchable) {
            return;
        }
        LOG.info("Deriving the directory's search documents: {} alliances, {} search documents", alliances,
                searchable);
        MongoCollection<BsonDocument> to = search.withDocumentClass(BsonDocument.class);
        List<WriteModel<BsonDocument>> writes = new ArrayList<>();
        long written = 0;
        // only the fields needed are read back: the stand-in keeps every answer of a find in memory until returned
        for (BsonDocument alliance : directory.withDocumentClass(BsonDocument.class).find()
                .projection(Projections.include(searchFields())).batchSize(FILL_BATCH)) {
            BsonDocument document = of(alliance);
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document,
                    new ReplaceOptions().upsert(true)));
            if (writes.size() == FILL_BATCH) {
                to.bulkWrite(writes);
                written += writes.size();
                writes.clear();
            }
        }
        if (!writes.isEmpty()) {
            to.bulkWrite(writes);
            written += writes.size();
        }
        LOG.info("Derived {} search documents of the directory", written);
    }

    private static List<String> searchFields() {
        List<String> fields = new ArrayList<>(FIELDS);
        fields.add(SURVEY + "." + ACTIVITY_LEVEL);
        return fields;
    }
}
