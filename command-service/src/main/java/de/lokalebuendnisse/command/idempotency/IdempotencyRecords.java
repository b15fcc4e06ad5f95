package de.lokalebuendnisse.command.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * The first answer to each {@code Idempotency-Key}, kept in the command side's MongoDB so that retries get it back,
 * also after a restart. A record is claimed (pending) before the command runs, so two concurrent requests with the
 * same key cannot both run it.
 */
@Component
public class IdempotencyRecords {

    /** A stored answer, or a claim whose request is still running ({@code status} 0). */
    public record Answer(String fingerprint, int status, String contentType, String location, String body) {

        boolean pending() {
            return status == 0;
        }
    }

    private final MongoCollection<Document> records;

    public IdempotencyRecords(MongoDatabase commandDatabase) {
        this.records = commandDatabase.getCollection("idempotency_records");
    }

    public Optional<Answer> find(String key) {
        Document found = records.find(Filters.eq("_id", key)).first();
        return Optional.ofNullable(found).map(d -> new Answer(d.getString("fingerprint"),
                d.getInteger("status", 0), d.getString("contentType"), d.getString("location"), d.getString("body")));
    }

    /** Claims the key for a request; false when another request holds or held it already. */
    public boolean claim(String key, String fingerprint) {
        try {
            records.insertOne(new Document("_id", key).append("fingerprint", fingerprint).append("status", 0)
                    .append("claimedAt", Instant.now().toString()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public void complete(String key, int status, String contentType, String location, String body) {
        records.updateOne(Filters.eq("_id", key), Updates.combine(
                Updates.set("status", status),
                Updates.set("contentType", contentType),
                Updates.set("location", location),
                Updates.set("body", body),
                Updates.set("completedAt", Instant.now().toString())));
    }

    /** Frees the key after a failure that a retry may overcome (server errors). */
    public void release(String key) {
        records.deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("status", 0)));
    }
}
