package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the award intake process when a seal of the previous period is granted or revoked after this period
 * opened.
 */
public record RecordPreviousSealStanding(@TargetAggregateIdentifier AwardPeriod period,
                                         BuendnisId buendnisId,
                                         boolean held) {

    public RecordPreviousSealStanding {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
    }
}
