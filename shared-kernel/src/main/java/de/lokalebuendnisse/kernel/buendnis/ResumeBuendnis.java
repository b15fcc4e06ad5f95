package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResumeBuendnis(@TargetAggregateIdentifier BuendnisId buendnisId) {

    public ResumeBuendnis {
        Require.present(buendnisId, "buendnisId");
    }
}
