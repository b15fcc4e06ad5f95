package de.lokalebuendnisse.audit.service.explanation;

import de.lokalebuendnisse.audit.service.history.StreamCut;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanations;
import de.lokalebuendnisse.kernel.eligibility.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.eligibility.explanation.PeriodExplanations;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The explanations of an award period's grants, renewals and revocations, read from the period's own stream (cut at
 * an instant when asked), not from a projection; so they are what the events say, also while a projection lags or
 * is rebuilt. The kernel's {@link Explanations} explains them.
 */
@Component
public class PeriodExplanationsReader {

    private final EventStore eventStore;

    public PeriodExplanationsReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when the period had not been opened (by the query's instant). */
    public Optional<PeriodExplanations> read(FindExplanationsQuery query) {
        StreamCut cut = StreamCut.read(eventStore, query.period().toString(), query.at());
        return Explanations.ofPeriod(query, cut.recorded(), cut.considered());
    }
}
