package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent only by the award intake process from the campaign's events, never typed in by hand. */
public record RecordSurveyOutcome(@TargetAggregateIdentifier AwardPeriod period,
                                  BuendnisId buendnisId,
                                  SurveyOutcome outcome) {

    public RecordSurveyOutcome {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
        Require.present(outcome, "outcome");
    }
}
