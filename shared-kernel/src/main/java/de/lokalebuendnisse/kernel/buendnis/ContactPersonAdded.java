package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * A contact person joined the alliance's contacts; the details only sealed with the person's own key.
 *
 * @param primary whether this is the alliance's primary contact; at most one is
 */
@Revision("1")
public record ContactPersonAdded(BuendnisId buendnisId, PersonId personId, SealedPersonalData data, boolean primary) implements BuendnisEvent {
}
