package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.PersonId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a contact person; the details arrive in plaintext and are sealed by the handler before anything is recorded. */
public record AddContactPerson(@TargetAggregateIdentifier BuendnisId buendnisId, PersonId personId,
                               ContactDetails details, boolean primary) {

    public AddContactPerson {
        Require.present(buendnisId, "buendnisId");
        Require.present(personId, "personId");
        Require.present(details, "details");
    }

    /** The details are personal data: kept out of logs and exception messages. */
    @Override
    public String toString() {
        return "AddContactPerson[buendnisId=" + buendnisId + ", personId=" + personId + ", primary=" + primary + "]";
    }
}
