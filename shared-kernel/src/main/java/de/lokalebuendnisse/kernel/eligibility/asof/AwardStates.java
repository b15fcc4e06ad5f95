package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanation;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanations;
import de.lokalebuendnisse.kernel.fold.AllianceFacts;
import de.lokalebuendnisse.kernel.fold.Assessment;
import de.lokalebuendnisse.kernel.fold.AwardPeriodState;
import de.lokalebuendnisse.kernel.fold.PeriodFacts;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The answer as of an instant, from a period folded up to it: each candidate judged by the eligibility view's
 * {@link Assessment} (the aggregate's own rule) and explained. Pure: the caller reads the streams (from an event
 * store, or a test's lists), each from its first event up to the instant, never from a projection, which holds only
 * today's state.
 */
public final class AwardStates {

    private AwardStates() {
    }

    /**
     * Answers {@code query} from the streams as they stood at its instant: the period's own, each of its alliances'
     * (for name, place and Land), and every period's that may have granted seals by then (from the initiative's first
     * year to the year after the instant's).
     *
     * @param periodStream    the asked period's stream from sequence 0, cut at the instant
     * @param considered      which events of it those are, for the answer to name
     * @param allianceStreams an alliance's own stream, cut at the instant
     * @param periodStreams   another period's stream, cut at the instant (the asked one is not read twice)
     * @return empty when the period had not been opened by the query's instant
     */
    public static Optional<AwardStateAsOf> asOf(FindAwardStateAsOfQuery query, List<RecordedEvent> periodStream,
                                                EventsConsidered considered,
                                                Function<BuendnisId, List<RecordedEvent>> allianceStreams,
                                                Function<AwardPeriod, List<RecordedEvent>> periodStreams) {
        AwardPeriodState state = PeriodAsOf.fold(query.period(), periodStream);
        if (!state.opened()) {
            return Optional.empty();
        }
        Map<BuendnisId, BuendnisProfile> profiles = new HashMap<>();
        for (BuendnisId id : state.candidates().keySet()) {
            ProfileAsOf.of(allianceStreams.apply(id)).ifPresent(profile -> profiles.put(id, profile));
        }
        List<SealHolding> sealsHeld = new ArrayList<>();
        int lastYear = query.at().atOffset(ZoneOffset.UTC).getYear() + 1;
        for (int year = AwardPeriod.FIRST_YEAR; year <= lastYear; year++) {
            AwardPeriod period = AwardPeriod.startingIn(year);
            sealsHeld.addAll(SealHoldings.of(period,
                    period.equals(query.period()) ? periodStream : periodStreams.apply(period)));
        }
        // the fold keeps the events, not their metadata: who recorded a grant or revocation is looked up by the event
        Map<Object, ActingIdentity> recordedBy = new IdentityHashMap<>();
        periodStream.forEach(recorded -> recordedBy.put(recorded.payload(), recorded.by()));
        return Optional.of(compose(query.at(), state, considered, profiles, sealsHeld, recordedBy));
    }

    /**
     * @param state    the period folded up to {@code at}; must have been opened
     * @param profiles the alliances' profiles as of {@code at}; an alliance missing here is shown without name
     */
    private static AwardStateAsOf compose(Instant at, AwardPeriodState state, EventsConsidered periodStream,
                                          Map<BuendnisId, BuendnisProfile> profiles, List<SealHolding> sealsHeld,
                                          Map<Object, ActingIdentity> recordedBy) {
        PeriodFacts period = state.period();
        Map<EligibilityStatus, Integer> perStatus = new EnumMap<>(EligibilityStatus.class);
        List<AllianceAsOf> alliances = new ArrayList<>();
        for (Map.Entry<BuendnisId, AllianceFacts> candidate : state.candidates().entrySet()) {
            BuendnisId id = candidate.getKey();
            AllianceFacts facts = candidate.getValue();
            Assessment assessment = Assessment.of(period, facts);
            perStatus.merge(assessment.status(), 1, Integer::sum);
            BuendnisProfile profile = profiles.get(id);
            alliances.add(new AllianceAsOf(id, profile == null ? null : profile.name(),
                    profile == null ? null : profile.place(), profile == null ? null : profile.bundesland(),
                    assessment.status(), assessment.basis(), assessment.missing(), assessment.criteria(),
                    facts.grant(), facts.revocation(), explain(at, state, id, facts, assessment.status(), recordedBy)));
        }
        return new AwardStateAsOf(at, period.period(), period.sealName(), period.rules(), period.ceremony(),
                period.ceremonyHeld(), period.closed(), period.werkstaetten(), EligibilityCounts.of(perStatus),
                alliances, sealsHeld, periodStream);
    }

    private static Explanation explain(Instant at, AwardPeriodState state, BuendnisId id, AllianceFacts facts,
                                       EligibilityStatus status, Map<Object, ActingIdentity> recordedBy) {
        return switch (status) {
            case GRANTED -> {
                AwardPeriodState.Recorded<SealGranted> grant = state.grantOf(id).orElseThrow();
                yield Explanations.ofGrant(grant.event(), grant.at(), recordedBy.get(grant.event()));
            }
            case REVOKED -> {
                AwardPeriodState.Recorded<SealRevoked> revocation = state.revocationOf(id).orElseThrow();
                AwardPeriodState.Recorded<SealGranted> grant = state.grantOf(id).orElse(null);
                yield Explanations.ofRevocation(revocation.event(), revocation.at(),
                        recordedBy.get(revocation.event()), grant == null ? null : grant.event(),
                        grant == null ? null : grant.at(), grant == null ? null : recordedBy.get(grant.event()),
                        state.opening());
            }
            case ELIGIBLE, MISSING -> Explanations.ofDecision(state.label(), id, state.period().sealName(),
                    state.period().rule(), facts.sealFacts(), at);
        };
    }
}
