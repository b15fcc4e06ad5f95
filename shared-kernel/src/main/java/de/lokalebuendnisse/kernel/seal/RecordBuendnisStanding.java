package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the award intake process when an alliance pauses, resumes or dissolves.
 *
 * @param sourceSequence sequence number of the Bündnis event this reflects; older news is ignored
 */
public record RecordBuendnisStanding(@TargetAggregateIdentifier AwardPeriod period,
                                     BuendnisId buendnisId,
                                     BuendnisStatus status,
                                     long sourceSequence) {

    public RecordBuendnisStanding {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
        Require.present(status, "status");
    }
}
