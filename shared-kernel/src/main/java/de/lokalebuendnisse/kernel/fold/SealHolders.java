package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The holders of one period's seal folded from the period's stream: its grants minus its revocations.
 *
 * @param held by alliance id, each with the grant it holds
 */
public record SealHolders(AwardPeriod period, SortedMap<BuendnisId, SealHolding> held) {

    /** A change of who holds the seal. */
    public record Change(AwardPeriod period, BuendnisId buendnisId, boolean held) {
    }

    public SealHolders {
        // persistent: a grant or revocation changes one path of it, not a copy of every holding (O(n²) over a stream)
        held = PersistentSortedMap.copyOf(held);
    }

    public static SealHolders none(AwardPeriod period) {
        return new SealHolders(period, PersistentSortedMap.empty());
    }

    /** @param at when the event was recorded */
    public SealHolders evolve(SealAwardEvent event, Instant at) {
        Optional<Change> change = changedBy(event);
        if (change.isEmpty()) {
            return this;
        }
        PersistentSortedMap<BuendnisId, SealHolding> holdings = (PersistentSortedMap<BuendnisId, SealHolding>) held;
        if (change.get().held()) {
            SealGranted granted = (SealGranted) event;
            return new SealHolders(period, holdings.with(granted.buendnisId(), new SealHolding(period,
                    granted.buendnisId(), granted.sealName(), granted.evidence().basis(), at, granted.atCeremony(),
                    period.validThrough())));
        }
        return new SealHolders(period, holdings.without(change.get().buendnisId()));
    }

    /** A grant makes a holder, a revocation ends the holding; nothing else changes who holds the seal. */
    public static Optional<Change> changedBy(SealAwardEvent event) {
        if (event instanceof SealGranted granted) {
            return Optional.of(new Change(granted.period(), granted.buendnisId(), true));
        }
        if (event instanceof SealRevoked revoked) {
            return Optional.of(new Change(revoked.period(), revoked.buendnisId(), false));
        }
        return Optional.empty();
    }

    public SortedSet<BuendnisId> holders() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(held.keySet()));
    }

    /** By alliance id. */
    public List<SealHolding> holdings() {
        return List.copyOf(held.values());
    }
}
