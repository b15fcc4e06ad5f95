package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.person.PersonId;

/**
 * An access request (Art. 15 GDPR): everything stored about one contact person, read from the event store and opened
 * with the person's key. Answered with an optional {@link PersonalDataReport}, empty when no event names the person.
 */
public record FindPersonalDataQuery(PersonId personId) {
}
