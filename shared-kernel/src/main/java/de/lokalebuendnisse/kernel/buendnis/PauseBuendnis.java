package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PauseBuendnis(@TargetAggregateIdentifier BuendnisId buendnisId, String reason) {

    public PauseBuendnis {
        Require.present(buendnisId, "buendnisId");
        reason = Require.optionalText(reason, "reason", 500);
    }
}
