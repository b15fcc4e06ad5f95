package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens an award period with everything that varies from year to year. */
public record OpenAwardPeriod(@TargetAggregateIdentifier AwardPeriod period,
                              CampaignYear surveyYear,
                              String sealName,
                              AwardCeremony ceremony,
                              RenewalRule renewalRule) {

    public OpenAwardPeriod {
        Require.present(period, "period");
        Require.present(surveyYear, "surveyYear");
        sealName = Require.text(sealName, "sealName", 200);
        Require.present(ceremony, "ceremony");
        Require.present(renewalRule, "renewalRule");
    }
}
