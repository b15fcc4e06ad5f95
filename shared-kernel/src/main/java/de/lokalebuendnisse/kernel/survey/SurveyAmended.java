package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/** A full replacement of a submitted survey, with the level it replaced. */
@Revision("1")
public record SurveyAmended(CampaignYear year,
                            BuendnisId buendnisId,
                            List<CriterionScore> scores,
                            ActivityLevel activityLevel,
                            BigDecimal threshold,
                            boolean sufficient,
                            boolean projektZukunftInterest,
                            SubmissionChannel channel,
                            ActivityLevel previousActivityLevel,
                            boolean previouslySufficient) implements SurveyCampaignEvent {
}
