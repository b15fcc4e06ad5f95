package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.person.PersonId;
import org.axonframework.serialization.Revision;

/**
 * A person's data was erased: the person's key is deleted once this is recorded, so every sealed copy of the details
 * in the stream is unreadable from then on. Holds no personal data itself.
 *
 * @param legalBasis the code of the ground of erasure, an {@link de.lokalebuendnisse.kernel.person.ErasureBasis} name
 * @param reason     free text without personal data; may be null
 */
@Revision("1")
public record PersonalDataErased(BuendnisId buendnisId, PersonId personId, String legalBasis, String reason)
        implements BuendnisEvent {
}
