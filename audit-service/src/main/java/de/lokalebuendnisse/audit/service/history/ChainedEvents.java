package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/**
 * A stored event as the audit chain ({@link AuditChain}) sees it, and the chain's head over a run of events. The one
 * place that turns an event message into a {@link ChainedEvent}, so every reader of the chain (replay, exports,
 * verification) links the same text.
 */
public final class ChainedEvents {

    private ChainedEvents() {
    }

    /**
     * The event as stored: the payload as the event serializer wrote it (for a message read from the store this is
     * the stored text itself, not a re-serialization), its stored type and revision, and the chained metadata.
     * Events that are not domain events (this system stores none) have no aggregate and sequence 0, as on the
     * command side, which computes the anchors.
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

    /** The chain over events handed in in event-store order, starting at {@link AuditChain#GENESIS}. */
    public static final class Head {

        private final Serializer eventSerializer;
        private String link = AuditChain.GENESIS;
        private long position = -1;
        private long chained;

        public Head(Serializer eventSerializer) {
            this.eventSerializer = eventSerializer;
        }

        /**
         * Links the event stored at {@code at} (its own position) unless it is one of the chain's own anchors;
         * returns it as the chain sees it.
         *
         * @throws IllegalStateException when {@code at} is not beyond the last event's: the chain is defined in
         *                               position order
         */
        public ChainedEvent add(TrackedEventMessage<?> message, long at) {
            if (at <= position) {
                throw new IllegalStateException("event " + message.getIdentifier() + " at position " + at
                        + " comes after position " + position + ": the chain runs in position order");
            }
            ChainedEvent event = of(message, eventSerializer);
            if (AuditChain.covers(event.payloadType())) {
                link = AuditChain.link(link, event);
                position = at;
                chained++;
            }
            return event;
        }

        /** The link after the last chained event; {@link AuditChain#GENESIS} before the first. */
        public String link() {
            return link;
        }

        /** The position of the last chained event; -1 before the first. */
        public long position() {
            return position;
        }

        public long chained() {
            return chained;
        }
    }
}
