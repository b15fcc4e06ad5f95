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
import java.util.TreeMap;
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
        held = Collections.unmodifiableSortedMap(new TreeMap<>(held));
    }

    public static SealHolders none(AwardPeriod period) {
        return new SealHolders(period, new TreeMap<>());
    }

    /** @param at when the event was recorded */
    public SealHolders evolve(SealAwardEvent event, Instant at) {
        Optional<Change> change = changedBy(event);
        if (change.isEmpty()) {
            return this;
        }
        SortedMap<BuendnisId, SealHolding> next = new TreeMap<>(held);
        if (change.get().held()) {
            SealGranted granted = (SealGranted) event;
            next.put(granted.buendnisId(), new SealHolding(period, granted.buendnisId(), granted.sealName(),
                    granted.evidence().basis(), at, granted.atCeremony(), period.validThrough()));
        } else {
            next.remove(change.get().buendnisId());
        }
        return new SealHolders(period, next);
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
