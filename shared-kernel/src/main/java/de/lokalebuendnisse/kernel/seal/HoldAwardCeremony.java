package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants the seal to every alliance that meets the period's rule and does not hold it yet. */
public record HoldAwardCeremony(@TargetAggregateIdentifier AwardPeriod period) {

    public HoldAwardCeremony {
        Require.present(period, "period");
    }
}
