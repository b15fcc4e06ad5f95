package de.lokalebuendnisse.query.audit.asof;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.GrantedSeal;
import de.lokalebuendnisse.kernel.eligibility.RevokedSeal;
import de.lokalebuendnisse.kernel.eligibility.ScheduledWerkstatt;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.query.eligibility.AllianceFacts;
import de.lokalebuendnisse.query.eligibility.PeriodFacts;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What an award period had recorded by an instant, folded from its own stream cut there, into the same facts the
 * SealAward aggregate decides by (and the eligibility view keeps): the rules of the opening, the Werkstätten, and
 * per alliance its standing (ACTIVE until a standing says otherwise), survey outcome, attendances in order,
 * previous seal (from the opening's holders, then from later standings), grant and revocation. The grant and
 * revocation events are kept too, for their explanations.
 *
 * @param opening  null when the period had not been opened by then
 * @param facts    null when the period had not been opened by then
 * @param grants   each alliance's grant with the instant it was recorded
 */
record PeriodAsOf(AwardPeriod period,
                  AwardPeriodOpened opening,
                  PeriodFacts facts,
                  SortedMap<BuendnisId, AllianceFacts> alliances,
                  Map<BuendnisId, Recorded<SealGranted>> grants,
                  Map<BuendnisId, Recorded<SealRevoked>> revocations) {

    /** An event's payload with the instant it was recorded. */
    record Recorded<T>(T event, Instant at) {
    }

    boolean opened() {
        return opening != null;
    }

    /** The alliances the aggregate counts among its candidates, by id, each with its facts. */
    SortedMap<BuendnisId, AllianceFacts> candidates() {
        SortedMap<BuendnisId, AllianceFacts> candidates = new TreeMap<>();
        alliances.forEach((id, facts) -> {
            if (facts.candidate()) {
                candidates.put(id, facts);
            }
        });
        return candidates;
    }

    Optional<Recorded<SealGranted>> grantOf(BuendnisId buendnisId) {
        return Optional.ofNullable(grants.get(buendnisId));
    }

    Optional<Recorded<SealRevoked>> revocationOf(BuendnisId buendnisId) {
        return Optional.ofNullable(revocations.get(buendnisId));
    }

    /** @param events the period's stream from sequence 0, cut at the instant */
    static PeriodAsOf fold(AwardPeriod period, List<DomainEventMessage<?>> events) {
        Fold fold = new Fold();
        for (DomainEventMessage<?> event : events) {
            fold.apply(period, event);
        }
        return new PeriodAsOf(period, fold.opening, fold.facts, fold.alliances, Map.copyOf(fold.grants),
                Map.copyOf(fold.revocations));
    }

    private static final class Fold {
        private AwardPeriodOpened opening;
        private PeriodFacts facts;
        private final SortedMap<BuendnisId, AllianceFacts> alliances = new TreeMap<>();
        private final Map<BuendnisId, Recorded<SealGranted>> grants = new HashMap<>();
        private final Map<BuendnisId, Recorded<SealRevoked>> revocations = new HashMap<>();

        void apply(AwardPeriod period, DomainEventMessage<?> message) {
            Object payload = message.getPayload();
            long sequence = message.getSequenceNumber();
            if (payload instanceof AwardPeriodOpened e) {
                opening = e;
                facts = PeriodFacts.opened(e, null);
                e.previousSealHolders().forEach(holder -> change(holder, f -> f.withPreviousSeal(true, sequence)));
                return;
            }
            if (facts == null) {
                // the aggregate's first event is its opening; anything else first is a stream no command wrote
                throw new IllegalStateException("the stream of " + period + " does not start with its opening (found "
                        + message.getPayloadType().getSimpleName() + " at sequence " + sequence + ")");
            }
            if (payload instanceof WerkstattScheduled e) {
                facts = facts.withWerkstatt(new ScheduledWerkstatt(e.werkstattId(), e.region(), e.place(), e.date(),
                        e.format()));
            } else if (payload instanceof AwardCeremonyHeld) {
                facts = facts.withCeremonyHeld();
            } else if (payload instanceof AwardPeriodClosed) {
                facts = facts.withClosed();
            } else if (payload instanceof SurveyOutcomeRecorded e) {
                change(e.buendnisId(), f -> f.withSurvey(e.outcome(), sequence));
            } else if (payload instanceof WerkstattAttended e) {
                change(e.buendnisId(), f -> f.withAttendance(e.attendance(), sequence));
            } else if (payload instanceof BuendnisStandingRecorded e) {
                change(e.buendnisId(), f -> f.withStanding(e.status(), sequence));
            } else if (payload instanceof PreviousSealStandingRecorded e) {
                change(e.buendnisId(), f -> f.withPreviousSeal(e.held(), sequence));
            } else if (payload instanceof SealGranted e) {
                Instant at = message.getTimestamp();
                grants.put(e.buendnisId(), new Recorded<>(e, at));
                change(e.buendnisId(), f -> f.withGrant(new GrantedSeal(e.sealName(), e.evidence().basis(),
                        e.atCeremony(), e.ceremony(), at)));
            } else if (payload instanceof SealRevoked e) {
                Instant at = message.getTimestamp();
                revocations.put(e.buendnisId(), new Recorded<>(e, at));
                change(e.buendnisId(), f -> f.withRevocation(new RevokedSeal(e.reason(), at)));
            }
        }

        private void change(BuendnisId buendnisId, UnaryOperator<AllianceFacts> change) {
            alliances.put(buendnisId, change.apply(alliances.getOrDefault(buendnisId, AllianceFacts.NONE)));
        }
    }
}
