package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.survey.CampaignYear;

/**
 * The rules an award period stated when it opened.
 *
 * @param surveyYear     the survey campaign whose outcomes the period relies on
 * @param previousPeriod the period whose holders may renew; null for the first period
 */
public record EligibilityRules(CampaignYear surveyYear,
                               GrantRule grantRule,
                               RenewalRule renewalRule,
                               AwardPeriod previousPeriod) {
}
