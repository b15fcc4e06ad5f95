package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/**
 * One alliance's answers with the decision taken on them: the activity level against the campaign's threshold,
 * and the participation facts the campaign checked.
 */
@Revision("1")
public record SurveySubmitted(CampaignYear year,
                              BuendnisId buendnisId,
                              List<CriterionScore> scores,
                              ActivityLevel activityLevel,
                              BigDecimal threshold,
                              boolean sufficient,
                              boolean projektZukunftInterest,
                              SubmissionChannel channel,
                              ParticipationBasis basis) implements SurveyCampaignEvent {
}
