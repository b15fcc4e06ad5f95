package de.lokalebuendnisse.platform.personal;

import de.lokalebuendnisse.kernel.person.PersonId;

import javax.crypto.SecretKey;
import java.util.Optional;

/**
 * One AES-256 key per person, kept apart from the event store: the sealed details in the events are only as
 * readable as this key is present. Deleting it erases the person's data everywhere at once (crypto-shredding).
 * Every write is durable before the method returns.
 */
public interface PersonKeys {

    /** The person's key; empty when none was ever made or it was deleted (the data is erased). */
    Optional<SecretKey> find(PersonId personId);

    /** The person's key, made and stored first if there is none; two callers racing get the same key. */
    SecretKey findOrCreate(PersonId personId);

    /** Deletes the person's key for good; deleting a key that is absent does nothing. */
    void delete(PersonId personId);
}
