package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterBuendnis(@TargetAggregateIdentifier BuendnisId buendnisId, BuendnisProfile profile) {

    public RegisterBuendnis {
        Require.present(buendnisId, "buendnisId");
        Require.present(profile, "profile");
    }
}
