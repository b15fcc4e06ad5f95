package de.lokalebuendnisse.command.idempotency;

import de.lokalebuendnisse.platform.messaging.MetadataKeys;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a request under an {@code Idempotency-Key} has recorded: each event its command records carries the key's
 * hash ({@link MetadataKeys#IDEMPOTENCY_KEY_HASH}), so a resend after a crash can see in its target's stream whether
 * its first run took effect.
 */
@Component
public class KeyedEffects {

    private final EventStore eventStore;

    public KeyedEffects(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Whether the stream of {@code aggregateId} holds an event recorded under {@code key}. */
    public boolean recorded(String aggregateId, String key) {
        String hash = hash(key);
        return eventStore.readEvents(aggregateId).asStream()
                .anyMatch(event -> hash.equals(event.getMetaData().get(MetadataKeys.IDEMPOTENCY_KEY_HASH)));
    }

    /** The key as it is kept in events: hashed, since a client may put anything into it. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
