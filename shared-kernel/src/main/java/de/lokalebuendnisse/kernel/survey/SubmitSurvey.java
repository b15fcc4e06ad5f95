package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record SubmitSurvey(@TargetAggregateIdentifier CampaignYear year,
                           BuendnisId buendnisId,
                           List<CriterionScore> scores,
                           Boolean projektZukunftInterest,
                           SubmissionChannel channel) {

    public SubmitSurvey {
        Require.present(year, "year");
        Require.present(buendnisId, "buendnisId");
        scores = Require.nonEmptyList(scores, "scores");
        Require.present(projektZukunftInterest, "projektZukunftInterest");
        Require.present(channel, "channel");
    }
}
