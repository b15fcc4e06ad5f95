package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemovePartner(@TargetAggregateIdentifier BuendnisId buendnisId, PartnerId partnerId) {

    public RemovePartner {
        Require.present(buendnisId, "buendnisId");
        Require.present(partnerId, "partnerId");
    }
}
