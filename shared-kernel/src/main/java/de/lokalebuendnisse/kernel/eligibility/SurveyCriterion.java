package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;

import java.math.BigDecimal;

/**
 * {@code SURVEY_SUFFICIENT}: the activity level of the period's survey campaign reaches the campaign's threshold.
 *
 * @param surveyYear    the campaign the period relies on
 * @param recorded      whether an outcome of that campaign is recorded; the other details are null when not
 * @param activityLevel the mean score, rounded to two places (sufficiency is decided on the exact sum)
 */
public record SurveyCriterion(boolean met,
                              CampaignYear surveyYear,
                              boolean recorded,
                              BigDecimal activityLevel,
                              BigDecimal threshold,
                              SubmissionChannel channel) {
}
