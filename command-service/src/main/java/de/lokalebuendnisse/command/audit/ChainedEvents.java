package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.kernel.audit.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/** A stored event message as the audit chain sees it. */
final class ChainedEvents {

    private ChainedEvents() {
    }

    /**
     * The event's stored form. {@code serializer} must be the one the message was read with: then
     * {@code serializePayload} hands back the stored payload, type and revision instead of serializing again.
     */
    static ChainedEvent of(EventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        Map<String, String> metaData = new HashMap<>();
        for (String key : AuditChain.METADATA_KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                metaData.put(key, value.toString());
            }
        }
        // every event of this system belongs to an aggregate; a bare event would be chained without one
        String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        return new ChainedEvent(message.getIdentifier(), aggregateId, sequence, payload.getType().getName(),
                payload.getType().getRevision(), payload.getData(), metaData, message.getTimestamp());
    }
}
