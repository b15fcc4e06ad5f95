package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Appends events to an event store as the command side would, each stamped with the instant given. */
public final class EventStoreRecorder implements AsOfFixtures.Recorder {

    private final EventStore eventStore;
    private final Map<String, Long> sequences = new HashMap<>();

    public EventStoreRecorder(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public EventStoreRecorder append(String instant, String aggregateId, Object payload,
                                     Map<String, String> metaData) {
        long sequence = sequences.merge(aggregateId, 0L, (known, zero) -> known + 1);
        String type = aggregateId.startsWith("buendnis:") ? "Buendnis" : "SealAward";
        GenericDomainEventMessage<?> event = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.from(metaData), UUID.randomUUID().toString(), Instant.parse(instant));
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(event));
        return this;
    }
}
