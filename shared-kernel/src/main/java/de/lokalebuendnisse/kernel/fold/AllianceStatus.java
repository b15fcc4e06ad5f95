package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;

import java.util.Optional;

/**
 * An alliance's status folded from its stream: active once registered, then paused, resumed (active again) or
 * dissolved.
 *
 * @param status null until the alliance is registered
 */
public record AllianceStatus(BuendnisStatus status) {

    /** Before the first event: not registered. */
    public static final AllianceStatus UNREGISTERED = new AllianceStatus(null);

    public AllianceStatus evolve(BuendnisEvent event) {
        return changedBy(event).map(AllianceStatus::new).orElse(this);
    }

    /** The status an event sets; empty for the events that leave it (profile, partners). */
    public static Optional<BuendnisStatus> changedBy(BuendnisEvent event) {
        if (event instanceof BuendnisRegistered || event instanceof BuendnisResumed) {
            return Optional.of(BuendnisStatus.ACTIVE);
        }
        if (event instanceof BuendnisPaused) {
            return Optional.of(BuendnisStatus.PAUSED);
        }
        if (event instanceof BuendnisDissolved) {
            return Optional.of(BuendnisStatus.DISSOLVED);
        }
        return Optional.empty();
    }

    /** Empty when the alliance was never registered. */
    public Optional<BuendnisStatus> known() {
        return Optional.ofNullable(status);
    }
}
