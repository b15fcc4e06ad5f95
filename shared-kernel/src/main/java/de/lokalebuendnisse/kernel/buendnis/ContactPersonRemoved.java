package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.person.PersonId;
import org.axonframework.serialization.Revision;

/**
 * A contact person no longer stands for the alliance. The person's key is kept: the recorded details stay readable
 * for the history until they are erased ({@link PersonalDataErased}).
 */
@Revision("1")
public record ContactPersonRemoved(BuendnisId buendnisId, PersonId personId) implements BuendnisEvent {
}
