package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;

import java.util.List;
import java.util.Optional;

/** An alliance's profile (name, place, Land) as its own stream, cut at an instant, last stated it. */
final class ProfileAsOf {

    private ProfileAsOf() {
    }

    static Optional<BuendnisProfile> of(List<RecordedEvent> buendnisStream) {
        BuendnisProfile profile = null;
        for (RecordedEvent event : buendnisStream) {
            if (event.payload() instanceof BuendnisRegistered registered) {
                profile = registered.profile();
            } else if (event.payload() instanceof BuendnisProfileUpdated updated) {
                profile = updated.profile();
            }
        }
        return Optional.ofNullable(profile);
    }
}
