package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;

import java.math.BigDecimal;

/**
 * An alliance's survey result as the campaign recorded it. {@code campaignSequence} is the sequence number of the
 * campaign event it was taken from; a period keeps only the newest, so redelivery changes nothing.
 */
public record SurveyOutcome(CampaignYear year,
                            ActivityLevel activityLevel,
                            BigDecimal threshold,
                            boolean sufficient,
                            boolean projektZukunftInterest,
                            SubmissionChannel channel,
                            long campaignSequence) {
}
