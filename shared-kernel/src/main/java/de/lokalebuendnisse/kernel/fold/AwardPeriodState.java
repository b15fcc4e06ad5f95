package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An award period folded from its stream: the one fold of the period. The SealAward aggregate's sourcing handlers,
 * the eligibility view (per document, through {@link #alliancesConcerned}, {@link PeriodFacts#evolve} and
 * {@link AllianceFacts#evolve}) and the answers as of an instant all evolve it; {@link #decide} hands the facts of an
 * alliance to {@link SealEligibility#decide}.
 *
 * @param opening     null until the period is opened
 * @param period      null until the period is opened
 * @param alliances   every alliance the period has heard of, by id
 * @param grants      each alliance's grant event with the instant it was recorded (for explanations)
 * @param revocations each alliance's revocation event with the instant it was recorded
 */
public record AwardPeriodState(AwardPeriodOpened opening,
                               PeriodFacts period,
                               SortedMap<BuendnisId, AllianceFacts> alliances,
                               SortedMap<BuendnisId, Recorded<SealGranted>> grants,
                               SortedMap<BuendnisId, Recorded<SealRevoked>> revocations) {

    /** Before the first event. */
    public static final AwardPeriodState INITIAL = new AwardPeriodState(null, null, null, null, null);

    /** An event's payload with the instant it was recorded. */
    public record Recorded<T>(T event, Instant at) {
    }

    public AwardPeriodState {
        alliances = frozen(alliances);
        grants = frozen(grants);
        revocations = frozen(revocations);
    }

    /**
     * The state after the next event of the period's stream.
     *
     * @param sequence the event's sequence number in the period's stream
     * @param at       when it was recorded
     * @throws IllegalStateException when the first event is not the opening
     */
    public AwardPeriodState evolve(SealAwardEvent event, long sequence, Instant at) {
        PeriodFacts nextPeriod = PeriodFacts.evolve(period, event);
        AwardPeriodOpened nextOpening = event instanceof AwardPeriodOpened e ? e : opening;
        List<BuendnisId> concerned = alliancesConcerned(event);
        // the persistent map changes only the path to each alliance concerned: a copy of the whole map per event made
        // a fold of a period's stream O(n²) in its events
        PersistentSortedMap<BuendnisId, AllianceFacts> nextAlliances =
                (PersistentSortedMap<BuendnisId, AllianceFacts>) alliances;
        for (BuendnisId id : concerned) {
            nextAlliances = nextAlliances.with(id, nextAlliances.getOrDefault(id, AllianceFacts.NONE)
                    .evolve(event, sequence, at));
        }
        SortedMap<BuendnisId, Recorded<SealGranted>> nextGrants = event instanceof SealGranted e
                ? with(grants, e.buendnisId(), new Recorded<>(e, at)) : grants;
        SortedMap<BuendnisId, Recorded<SealRevoked>> nextRevocations = event instanceof SealRevoked e
                ? with(revocations, e.buendnisId(), new Recorded<>(e, at)) : revocations;
        return new AwardPeriodState(nextOpening, nextPeriod, nextAlliances, nextGrants, nextRevocations);
    }

    /**
     * The alliances whose facts an event changes: the one it names, or the previous holders the opening lists;
     * none for the events of the period itself (Werkstatt, ceremony, closing).
     */
    public static List<BuendnisId> alliancesConcerned(SealAwardEvent event) {
        if (event instanceof AwardPeriodOpened e) {
            return List.copyOf(e.previousSealHolders());
        }
        if (event instanceof SurveyOutcomeRecorded e) {
            return List.of(e.buendnisId());
        }
        if (event instanceof WerkstattAttended e) {
            return List.of(e.buendnisId());
        }
        if (event instanceof BuendnisStandingRecorded e) {
            return List.of(e.buendnisId());
        }
        if (event instanceof PreviousSealStandingRecorded e) {
            return List.of(e.buendnisId());
        }
        if (event instanceof SealGranted e) {
            return List.of(e.buendnisId());
        }
        if (event instanceof SealRevoked e) {
            return List.of(e.buendnisId());
        }
        if (event instanceof InvitationsSent e) {
            return e.buendnisIds();
        }
        return List.of();
    }

    public boolean opened() {
        return period != null;
    }

    public AwardPeriod label() {
        return period == null ? null : period.period();
    }

    /** What the period recorded of the alliance; {@link AllianceFacts#NONE} when it has not heard of it. */
    public AllianceFacts alliance(BuendnisId buendnisId) {
        return alliances.getOrDefault(buendnisId, AllianceFacts.NONE);
    }

    /** The facts {@link SealEligibility#decide} judges the alliance by. */
    public SealEligibility.Facts factsOf(BuendnisId buendnisId) {
        return alliance(buendnisId).sealFacts();
    }

    /** The period's grant rule applied to what it recorded of the alliance. */
    public SealEligibility.Decision decide(BuendnisId buendnisId) {
        return SealEligibility.decide(period.rule(), factsOf(buendnisId));
    }

    /** The alliances on the period's invitation list, by id, each with the basis it is invited on. */
    public SortedMap<BuendnisId, GrantBasis> invitationList() {
        SortedMap<BuendnisId, GrantBasis> list = new TreeMap<>();
        alliances.forEach((id, facts) -> {
            GrantBasis basis = facts.invitationBasis();
            if (basis != null) {
                list.put(id, basis);
            }
        });
        return Collections.unmodifiableSortedMap(list);
    }

    /** The alliances the period counts among its candidates, by id (a stable order, so a ceremony is reproducible). */
    public SortedMap<BuendnisId, AllianceFacts> candidates() {
        SortedMap<BuendnisId, AllianceFacts> candidates = new TreeMap<>();
        alliances.forEach((id, facts) -> {
            if (facts.candidate()) {
                candidates.put(id, facts);
            }
        });
        return Collections.unmodifiableSortedMap(candidates);
    }

    public Optional<Recorded<SealGranted>> grantOf(BuendnisId buendnisId) {
        return Optional.ofNullable(grants.get(buendnisId));
    }

    public Optional<Recorded<SealRevoked>> revocationOf(BuendnisId buendnisId) {
        return Optional.ofNullable(revocations.get(buendnisId));
    }

    /** Alliances granted the seal in the period, revoked ones included (a revocation adds to the history). */
    public int sealsGranted() {
        return (int) alliances.values().stream().filter(f -> f.grant() != null).count();
    }

    public int sealsRevoked() {
        return (int) alliances.values().stream().filter(f -> f.revocation() != null).count();
    }

    private static <V> SortedMap<BuendnisId, V> with(SortedMap<BuendnisId, V> map, BuendnisId key, V value) {
        return ((PersistentSortedMap<BuendnisId, V>) map).with(key, value);
    }

    /**
     * Read-only without a copy per event: a map this record made is a {@link PersistentSortedMap} already (passed on
     * unchanged when an event does not touch it); any other map is copied once.
     */
    private static <V> SortedMap<BuendnisId, V> frozen(SortedMap<BuendnisId, V> map) {
        return map == null ? PersistentSortedMap.empty() : PersistentSortedMap.copyOf(map);
    }
}
