package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseAwardPeriod(@TargetAggregateIdentifier AwardPeriod period) {

    public CloseAwardPeriod {
        Require.present(period, "period");
    }
}
