package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeSeal(@TargetAggregateIdentifier AwardPeriod period, BuendnisId buendnisId, String reason) {

    public RevokeSeal {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
        reason = Require.text(reason, "reason", 1000);
    }
}
