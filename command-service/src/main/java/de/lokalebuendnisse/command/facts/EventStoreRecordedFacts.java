package de.lokalebuendnisse.command.facts;

import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.fold.AllianceStatus;
import de.lokalebuendnisse.kernel.fold.SealHolders;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.SortedSet;

/**
 * Folds the one stream a question needs (an alliance's, or an award period's) with the kernel's folds
 * ({@link AllianceStatus}, {@link SealHolders}); strongly consistent with the event store, unlike a projection, and
 * without locking the other aggregate. Reads from sequence 0 on purpose:
 * a snapshot would hide the events folded here.
 */
@Component
public class EventStoreRecordedFacts implements RecordedFacts {

    private final EventStore eventStore;

    public EventStoreRecordedFacts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<BuendnisStatus> statusOf(BuendnisId buendnisId) {
        AllianceStatus status = AllianceStatus.UNREGISTERED;
        DomainEventStream stream = eventStore.readEvents(buendnisId.toString(), 0);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof BuendnisEvent event) {
                status = status.evolve(event);
            }
        }
        return status.known();
    }

    @Override
    public SortedSet<BuendnisId> sealHoldersOf(AwardPeriod period) {
        SealHolders holders = SealHolders.none(period);
        DomainEventStream stream = eventStore.readEvents(period.toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof SealAwardEvent event) {
                holders = holders.evolve(event, message.getTimestamp());
            }
        }
        return holders.holders();
    }
}
