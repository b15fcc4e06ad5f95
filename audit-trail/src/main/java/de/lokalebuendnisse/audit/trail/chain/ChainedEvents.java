package de.lokalebuendnisse.audit.trail.chain;

import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/**
 * A stored event message as the audit chain ({@link AuditChain}) sees it. The one place that turns an event message
 * into a {@link ChainedEvent}, so every reader of the chain (anchoring, replay, exports, verification) links the
 * same text.
 */
public final class ChainedEvents {

    private ChainedEvents() {
    }

    /**
     * The event as stored: the payload as the event serializer wrote it, its stored type and revision, and the
     * chained metadata. {@code eventSerializer} must be the very one the message was read with: then
     * {@code serializePayload} hands back the stored text itself instead of serializing the payload again. Events
     * that are not domain events (this system stores none) have no aggregate and sequence 0.
     */
    public static ChainedEvent of(EventMessage<?> message, Serializer eventSerializer) {
        SerializedObject<String> payload = message.serializePayload(eventSerializer, String.class);
        Map<String, String> metaData = new HashMap<>();
        for (String key : AuditChain.METADATA_KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                metaData.put(key, value.toString());
            }
        }
        String aggregateId = null;
        long sequenceNumber = 0;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        }
        return new ChainedEvent(message.getIdentifier(), aggregateId, sequenceNumber, payload.getType().getName(),
                payload.getType().getRevision(), payload.getData(), metaData, message.getTimestamp());
    }
}
