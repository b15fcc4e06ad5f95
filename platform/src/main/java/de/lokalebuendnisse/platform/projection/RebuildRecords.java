package de.lokalebuendnisse.platform.projection;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The rebuilds that have not finished, kept beside the projections' documents so that a rebuild outlives the
 * process: a service killed during a rebuild answers 503 after its restart until the rebuild has finished, instead
 * of serving the partly rebuilt documents. Written (journaled) before the documents are cleared.
 */
@Component
public class RebuildRecords {

    /** A rebuild that has not finished: when it started, the head it must reach, whether the tokens were reset. */
    public record Unfinished(String projection, Instant startedAt, long target, boolean tokensReset) {
    }

    private final MongoCollection<Document> rebuilds;

    public RebuildRecords(MongoDatabase queryDatabase) {
        this.rebuilds = queryDatabase.getCollection("projection_rebuilds")
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    public void started(String projection, Instant startedAt, long target) {
        rebuilds.replaceOne(Filters.eq("_id", projection), new Document("_id", projection)
                        .append("startedAt", Date.from(startedAt)).append("target", target).append("tokensReset", false),
                new ReplaceOptions().upsert(true));
    }

    public void tokensReset(String projection) {
        rebuilds.updateOne(Filters.eq("_id", projection), Updates.set("tokensReset", true));
    }

    public void finished(String projection) {
        rebuilds.deleteOne(Filters.eq("_id", projection));
    }

    public List<Unfinished> unfinished() {
        List<Unfinished> found = new ArrayList<>();
        for (Document rebuild : rebuilds.find()) {
            found.add(new Unfinished(rebuild.getString("_id"), rebuild.getDate("startedAt").toInstant(),
                    rebuild.get("target", Number.class).longValue(), rebuild.getBoolean("tokensReset", false)));
        }
        return found;
    }
}
