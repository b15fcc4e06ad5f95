package de.lokalebuendnisse.kernel.directory;

import de.lokalebuendnisse.kernel.survey.SubmissionChannel;

import java.math.BigDecimal;

/** The newest survey result of an alliance: the activity level against that campaign's threshold. */
public record DirectorySurvey(int year, BigDecimal activityLevel, BigDecimal threshold, boolean sufficient,
                              boolean projektZukunftInterest, SubmissionChannel channel) {
}
