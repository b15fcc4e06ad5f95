package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * A contact person's details or primary flag changed; the details, all of them, sealed anew with the person's key.
 *
 * @param primary whether this is the alliance's primary contact; at most one is
 */
@Revision("1")
public record ContactPersonChanged(BuendnisId buendnisId, PersonId personId, SealedPersonalData data, boolean primary) implements BuendnisEvent {
}
