package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseSurveyCampaign(@TargetAggregateIdentifier CampaignYear year) {

    public CloseSurveyCampaign {
        Require.present(year, "year");
    }
}
