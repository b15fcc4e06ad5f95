package de.lokalebuendnisse.command.facts;

import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Folds the one stream a question needs (an alliance's, or an award period's); strongly consistent with the
 * event store, unlike a projection, and without locking the other aggregate. Reads from sequence 0 on purpose:
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
        BuendnisStatus[] status = {null};
        eventStore.readEvents(buendnisId.toString(), 0).forEachRemaining(event -> {
            Object payload = event.getPayload();
            if (payload instanceof BuendnisRegistered || payload instanceof BuendnisResumed) {
                status[0] = BuendnisStatus.ACTIVE;
            } else if (payload instanceof BuendnisPaused) {
                status[0] = BuendnisStatus.PAUSED;
            } else if (payload instanceof BuendnisDissolved) {
                status[0] = BuendnisStatus.DISSOLVED;
            }
        });
        return Optional.ofNullable(status[0]);
    }

    @Override
    public SortedSet<BuendnisId> sealHoldersOf(AwardPeriod period) {
        SortedSet<BuendnisId> holders = new TreeSet<>();
        eventStore.readEvents(period.toString(), 0).forEachRemaining(event -> {
            Object payload = event.getPayload();
            if (payload instanceof SealGranted granted) {
                holders.add(granted.buendnisId());
            } else if (payload instanceof SealRevoked revoked) {
                holders.remove(revoked.buendnisId());
            }
        });
        return holders;
    }
}
