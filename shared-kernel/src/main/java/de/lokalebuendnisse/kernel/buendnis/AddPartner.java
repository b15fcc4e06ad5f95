package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a partner organisation; organisations only, never people. */
public record AddPartner(@TargetAggregateIdentifier BuendnisId buendnisId, PartnerId partnerId, String name,
                         PartnerType type) {

    public AddPartner {
        Require.present(buendnisId, "buendnisId");
        Require.present(partnerId, "partnerId");
        name = Require.text(name, "name", 200);
        Require.present(type, "type");
    }
}
