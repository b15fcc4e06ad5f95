package de.lokalebuendnisse.audit.service.explanation;

import de.lokalebuendnisse.kernel.audit.explanation.Explanation;
import de.lokalebuendnisse.kernel.audit.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.audit.explanation.PeriodExplanations;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.audit.service.history.StreamCut;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explanations of an award period's grants, renewals and revocations, read from the period's own stream (cut at
 * an instant when asked), not from a projection; so they are what the events say, also while a projection lags or
 * is rebuilt.
 */
@Component
public class PeriodExplanationsReader {

    private final EventStore eventStore;

    public PeriodExplanationsReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when the period had not been opened (by the query's instant). */
    public Optional<PeriodExplanations> read(FindExplanationsQuery query) {
        return explain(query, StreamCut.read(eventStore, query.period().toString(), query.at()));
    }

    /** Pure: the explanations of the events in {@code cut}, in stream order. */
    static Optional<PeriodExplanations> explain(FindExplanationsQuery query, StreamCut cut) {
        AwardPeriodOpened opening = null;
        Map<BuendnisId, DomainEventMessage<?>> grants = new HashMap<>();
        List<Explanation> explanations = new ArrayList<>();
        for (DomainEventMessage<?> message : cut.events()) {
            Object payload = message.getPayload();
            if (payload instanceof AwardPeriodOpened e) {
                opening = e;
            } else if (payload instanceof SealGranted e) {
                grants.put(e.buendnisId(), message);
                explanations.add(Explanations.ofGrant(e, message.getTimestamp()));
            } else if (payload instanceof SealRevoked e) {
                DomainEventMessage<?> grant = grants.get(e.buendnisId());
                explanations.add(Explanations.ofRevocation(e, message.getTimestamp(),
                        grant == null ? null : (SealGranted) grant.getPayload(),
                        grant == null ? null : grant.getTimestamp(), opening));
            }
        }
        if (opening == null) {
            return Optional.empty();
        }
        return Optional.of(new PeriodExplanations(query.period(), opening.sealName(), query.at(), cut.considered(),
                explanations));
    }
}
