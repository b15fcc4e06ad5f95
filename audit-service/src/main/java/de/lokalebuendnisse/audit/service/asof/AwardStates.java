package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.audit.asof.AllianceAsOf;
import de.lokalebuendnisse.kernel.audit.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.audit.asof.SealHolding;
import de.lokalebuendnisse.kernel.audit.explanation.Explanation;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.fold.AllianceFacts;
import de.lokalebuendnisse.kernel.fold.Assessment;
import de.lokalebuendnisse.kernel.fold.AwardPeriodState;
import de.lokalebuendnisse.kernel.fold.PeriodFacts;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.audit.service.explanation.Explanations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The answer as of an instant, from a period folded up to it: each candidate judged by the eligibility view's
 * {@link Assessment} (the aggregate's own rule) and explained. Pure.
 */
final class AwardStates {

    private AwardStates() {
    }

    /**
     * @param state    the period folded up to {@code at}; must have been opened
     * @param profiles the alliances' profiles as of {@code at}; an alliance missing here is shown without name
     */
    static AwardStateAsOf compose(Instant at, AwardPeriodState state, EventsConsidered periodStream,
                                  Map<BuendnisId, BuendnisProfile> profiles, List<SealHolding> sealsHeld) {
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
                    facts.grant(), facts.revocation(), explain(at, state, id, facts, assessment.status())));
        }
        return new AwardStateAsOf(at, period.period(), period.sealName(), period.rules(), period.ceremony(),
                period.ceremonyHeld(), period.closed(), period.werkstaetten(), EligibilityCounts.of(perStatus),
                alliances, sealsHeld, periodStream);
    }

    private static Explanation explain(Instant at, AwardPeriodState state, BuendnisId id, AllianceFacts facts,
                                       EligibilityStatus status) {
        return switch (status) {
            case GRANTED -> {
                AwardPeriodState.Recorded<SealGranted> grant = state.grantOf(id).orElseThrow();
                yield Explanations.ofGrant(grant.event(), grant.at());
            }
            case REVOKED -> {
                AwardPeriodState.Recorded<SealRevoked> revocation = state.revocationOf(id).orElseThrow();
                AwardPeriodState.Recorded<SealGranted> grant = state.grantOf(id).orElse(null);
                yield Explanations.ofRevocation(revocation.event(), revocation.at(),
                        grant == null ? null : grant.event(), grant == null ? null : grant.at(), state.opening());
            }
            case ELIGIBLE, MISSING -> Explanations.ofDecision(state.label(), id, state.period().sealName(),
                    state.period().rule(), facts.sealFacts(), at);
        };
    }
}
