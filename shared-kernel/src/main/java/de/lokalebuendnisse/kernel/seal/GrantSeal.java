package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record GrantSeal(@TargetAggregateIdentifier AwardPeriod period, BuendnisId buendnisId) {

    public GrantSeal {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
    }
}
