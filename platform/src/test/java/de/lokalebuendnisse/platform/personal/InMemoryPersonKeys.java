package de.lokalebuendnisse.platform.personal;

import de.lokalebuendnisse.kernel.person.PersonId;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real AES-256 keys held in memory, for tests that need the cipher and keys that can be deleted, not a durable
 * store (aggregate and projection tests).
 */
public final class InMemoryPersonKeys implements PersonKeys {

    private final Map<PersonId, SecretKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<SecretKey> find(PersonId personId) {
        return Optional.ofNullable(keys.get(personId));
    }

    @Override
    public SecretKey findOrCreate(PersonId personId) {
        return keys.computeIfAbsent(personId, id -> {
            try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                return generator.generateKey();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void delete(PersonId personId) {
        keys.remove(personId);
    }
}
