package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.PersonId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a contact person's details (all of them) and primary flag. */
public record ChangeContactPerson(@TargetAggregateIdentifier BuendnisId buendnisId, PersonId personId,
                                  ContactDetails details, boolean primary) {

    public ChangeContactPerson {
        Require.present(buendnisId, "buendnisId");
        Require.present(personId, "personId");
        Require.present(details, "details");
    }

    /** The details are personal data: kept out of logs and exception messages. */
    @Override
    public String toString() {
        return "ChangeContactPerson[buendnisId=" + buendnisId + ", personId=" + personId + ", primary=" + primary
                + "]";
    }
}
