package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Records, as events arrive, a fingerprint of every stored event: what the verifier compares the store with to say
 * where it was altered, which the chain's anchors alone cannot (they say only that something before them changed).
 * The fingerprint is the event's own link after {@link AuditChain#GENESIS}, independent of the events before it, and
 * it is recorded at the event's own position ({@link OwnPositions}), so an event that arrives late to fill a gap is
 * recorded like any other: the records do not depend on the order of arrival, and the chain itself is only ever
 * computed in position order from the store (by the verifier).
 * <p>
 * The handler takes the message, not the payload: the payload is never deserialized, so an event this service has
 * no class for (an anchor written by a newer command side) or could not read is still recorded.
 */
@Component
@ProcessingGroup(AuditProjections.AUDIT_CHAIN)
public class ChainRecordProjection {

    private final ChainRecords records;
    private final Serializer eventSerializer;
    private final OwnPositions positions;

    public ChainRecordProjection(ChainRecords records, @Qualifier("eventSerializer") Serializer eventSerializer,
                                 OwnPositions positions) {
        this.records = records;
        this.eventSerializer = eventSerializer;
        this.positions = positions;
        records.ensureEventIdIndex();
    }

    @EventHandler
    void on(EventMessage<?> message) {
        // without its position a fingerprint could not be compared; failing sends the event to the dead letters
        if (!(message instanceof TrackedEventMessage<?> tracked)) {
            throw new IllegalStateException("event " + message.getIdentifier() + " arrived without an event-store "
                    + "position; its fingerprint cannot be recorded");
        }
        // the event's own position: an event that filled a gap arrives with a token standing at a later one
        long position = positions.of(tracked);
        ChainedEvent event = ChainedEvents.of(message, eventSerializer);
        records.save(new ChainRecord(position, event.eventId(), event.aggregateId(), event.sequenceNumber(),
                AuditChain.link(AuditChain.GENESIS, event), !AuditChain.covers(event.payloadType())));
    }

    /** Before a replay: the replay records every stored event again, as it is stored then. */
    @ResetHandler
    void reset() {
        records.clear();
    }
}
