package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.person.PersonId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveContactPerson(@TargetAggregateIdentifier BuendnisId buendnisId, PersonId personId) {

    public RemoveContactPerson {
        Require.present(buendnisId, "buendnisId");
        Require.present(personId, "personId");
    }
}
