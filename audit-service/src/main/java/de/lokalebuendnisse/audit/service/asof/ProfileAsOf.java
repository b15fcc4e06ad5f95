package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;
import java.util.Optional;

/** An alliance's profile (name, place, Land) as its own stream, cut at an instant, last stated it. */
final class ProfileAsOf {

    private ProfileAsOf() {
    }

    static Optional<BuendnisProfile> of(List<DomainEventMessage<?>> buendnisStream) {
        BuendnisProfile profile = null;
        for (DomainEventMessage<?> event : buendnisStream) {
            if (event.getPayload() instanceof BuendnisRegistered registered) {
                profile = registered.profile();
            } else if (event.getPayload() instanceof BuendnisProfileUpdated updated) {
                profile = updated.profile();
            }
        }
        return Optional.ofNullable(profile);
    }
}
