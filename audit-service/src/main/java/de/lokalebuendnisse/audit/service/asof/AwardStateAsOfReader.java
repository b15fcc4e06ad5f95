package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.audit.service.history.StreamCut;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStates;
import de.lokalebuendnisse.kernel.eligibility.asof.FindAwardStateAsOfQuery;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Answers "as of an instant" from the event store, never from a projection: a projection holds only today's state.
 * Reads each stream the kernel's {@link AwardStates} asks for from its first event up to the instant, and only
 * those: the period's, each of its alliances', and every period's that may have granted seals by then.
 */
@Component
public class AwardStateAsOfReader {

    private final EventStore eventStore;

    public AwardStateAsOfReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when the period had not been opened by the query's instant. */
    public Optional<AwardStateAsOf> read(FindAwardStateAsOfQuery query) {
        StreamCut periodStream = StreamCut.read(eventStore, query.period().toString(), query.at());
        return AwardStates.asOf(query, periodStream.recorded(), periodStream.considered(),
                alliance -> StreamCut.read(eventStore, alliance.toString(), query.at()).recorded(),
                period -> StreamCut.read(eventStore, period.toString(), query.at()).recorded());
    }
}
