package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record DissolveBuendnis(@TargetAggregateIdentifier BuendnisId buendnisId, LocalDate dissolvedOn,
                               String reason) {

    public DissolveBuendnis {
        Require.present(buendnisId, "buendnisId");
        Require.present(dissolvedOn, "dissolvedOn");
        reason = Require.optionalText(reason, "reason", 500);
    }
}
