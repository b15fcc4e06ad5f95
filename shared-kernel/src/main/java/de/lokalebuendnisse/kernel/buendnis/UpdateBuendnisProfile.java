package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateBuendnisProfile(@TargetAggregateIdentifier BuendnisId buendnisId, BuendnisProfile profile) {

    public UpdateBuendnisProfile {
        Require.present(buendnisId, "buendnisId");
        Require.present(profile, "profile");
    }
}
