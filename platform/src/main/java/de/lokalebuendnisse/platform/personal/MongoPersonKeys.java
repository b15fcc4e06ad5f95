package de.lokalebuendnisse.platform.personal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.lokalebuendnisse.kernel.person.PersonId;
import org.bson.Document;
import org.bson.types.Binary;

import javax.crypto.SecretKey;
import java.util.Date;
import java.util.Optional;

/**
 * The persons' keys in the collection {@code person_keys} of a MongoDB database of their own
 * ({@code lbf.personal.mongo-database}). Writes wait for a journaled majority: a key acknowledged is a key kept, and
 * a deletion acknowledged cannot come back after a fail-over.
 */
public class MongoPersonKeys implements PersonKeys {

    public static final String COLLECTION = "person_keys";

    private final MongoCollection<Document> keys;

    public MongoPersonKeys(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    @Override
    public Optional<SecretKey> find(PersonId personId) {
        Document found = keys.find(Filters.eq("_id", personId.value())).first();
        return found == null ? Optional.empty() : Optional.of(PersonKeyMaterial.key(found.get("key", Binary.class)
                .getData()));
    }

    @Override
    public SecretKey findOrCreate(PersonId personId) {
        Optional<SecretKey> known = find(personId);
        if (known.isPresent()) {
            return known.get();
        }
        byte[] fresh = PersonKeyMaterial.fresh();
        try {
            keys.insertOne(new Document("_id", personId.value()).append("key", new Binary(fresh))
                    .append("createdAt", new Date()));
            return PersonKeyMaterial.key(fresh);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another writer was first: its key is the person's key
            return find(personId).orElseThrow(() -> e);
        }
    }

    @Override
    public void delete(PersonId personId) {
        keys.deleteOne(Filters.eq("_id", personId.value()));
    }
}
