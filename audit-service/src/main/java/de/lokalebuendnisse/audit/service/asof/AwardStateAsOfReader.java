package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.audit.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.audit.asof.FindAwardStateAsOfQuery;
import de.lokalebuendnisse.kernel.audit.asof.SealHolding;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.fold.AwardPeriodState;
import de.lokalebuendnisse.audit.service.history.StreamCut;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "as of an instant" from the event store, never from a projection: a projection holds only today's state.
 * Reads only the streams it needs, each from its first event up to the instant: the period's, each of its
 * alliances' (for name, place and Land), and every period's that may have granted seals by then (from the
 * initiative's first year to the year after the instant's).
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
        AwardPeriodState state = PeriodAsOf.fold(query.period(), periodStream.events());
        if (!state.opened()) {
            return Optional.empty();
        }
        Map<BuendnisId, BuendnisProfile> profiles = new HashMap<>();
        for (BuendnisId id : state.candidates().keySet()) {
            ProfileAsOf.of(StreamCut.read(eventStore, id.toString(), query.at()).events())
                    .ifPresent(profile -> profiles.put(id, profile));
        }
        List<SealHolding> sealsHeld = new ArrayList<>();
        int lastYear = query.at().atOffset(ZoneOffset.UTC).getYear() + 1;
        for (int year = AwardPeriod.FIRST_YEAR; year <= lastYear; year++) {
            AwardPeriod period = AwardPeriod.startingIn(year);
            StreamCut stream = period.equals(query.period()) ? periodStream
                    : StreamCut.read(eventStore, period.toString(), query.at());
            sealsHeld.addAll(SealHoldings.of(period, stream.events()));
        }
        return Optional.of(AwardStates.compose(query.at(), state, periodStream.considered(), profiles, sealsHeld));
    }
}
