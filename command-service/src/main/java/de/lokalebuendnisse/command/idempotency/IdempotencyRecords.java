package de.lokalebuendnisse.command.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.lokalebuendnisse.command.config.LbfProperties;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The first answer to each {@code Idempotency-Key}, kept in the command side's MongoDB so that retries get it back,
 * also after a restart. A record is claimed (pending) before the command runs, so two concurrent requests with the
 * same key cannot both run it.
 */
@Component
public class IdempotencyRecords {

    /**
     * A record's id: the SHA-256 of the caller's key, never the key itself, which the caller chose and which could
     * carry anything, personal data included.
     */
    public static String idOf(String key) {
        return KeyedEffects.hash(key);
    }

    /** A stored answer, or a claim whose request is still running ({@code status} 0). */
    public record Answer(String fingerprint, int status, String contentType, String location, String body) {

        boolean pending() {
            return status == 0;
        }
    }

    private final MongoCollection<Document> records;
    private final Duration abandonedAfter;
    private final Clock clock;

    @Autowired
    public IdempotencyRecords(MongoDatabase commandDatabase, LbfProperties properties) {
        // a request waits at most the command timeout; a claim twice that old belongs to a process that died
        this(commandDatabase, Duration.ofSeconds(2L * properties.api().commandTimeoutSeconds()), Clock.systemUTC());
    }

    IdempotencyRecords(MongoDatabase commandDatabase, Duration abandonedAfter, Clock clock) {
        // a record must be as durable as the events it guards: acknowledged only once journaled on a majority
        this.records = commandDatabase.getCollection("idempotency_records")
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        this.abandonedAfter = abandonedAfter;
        this.clock = clock;
    }

    public Optional<Answer> find(String key) {
        Document found = records.find(Filters.eq("_id", idOf(key))).first();
        return Optional.ofNullable(found).map(d -> new Answer(d.getString("fingerprint"),
                d.getInteger("status", 0), d.getString("contentType"), d.getString("location"), d.getString("body")));
    }

    /** How a request's claim of its key went. */
    public enum Claim {
        /** First use of the key: run the request. */
        NEW,
        /**
         * A claim left pending by a request that never finished (its process died): run the request again; its
         * command may have taken effect before the crash, which the dispatcher checks.
         */
        TAKEN_OVER,
        /** Another request holds or held the key: answer from its record. */
        HELD
    }

    /**
     * Claims the key for a request. A claim left pending by a process that died mid-request is taken over once it is
     * older than the longest a request can wait.
     */
    public Claim claim(String key, String fingerprint) {
        long now = clock.millis();
        Document claim = new Document("_id", idOf(key)).append("fingerprint", fingerprint).append("status", 0)
                .append("claimedAtMillis", now);
        try {
            records.insertOne(claim);
            return Claim.NEW;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        long abandonedBefore = now - abandonedAfter.toMillis();
        boolean takenOver = records.replaceOne(Filters.and(Filters.eq("_id", idOf(key)), Filters.eq("status", 0),
                Filters.lt("claimedAtMillis", abandonedBefore)), claim).getModifiedCount() == 1;
        return takenOver ? Claim.TAKEN_OVER : Claim.HELD;
    }

    public void complete(String key, int status, String contentType, String location, String body) {
        records.updateOne(Filters.eq("_id", idOf(key)), Updates.combine(
                Updates.set("status", status),
                Updates.set("contentType", contentType),
                Updates.set("location", location),
                Updates.set("body", body),
                Updates.set("completedAt", Instant.ofEpochMilli(clock.millis()).toString())));
    }

    /** Frees the key after a failure that a retry may overcome (server errors). */
    public void release(String key) {
        records.deleteOne(Filters.and(Filters.eq("_id", idOf(key)), Filters.eq("status", 0)));
    }
}
