package de.lokalebuendnisse.kernel.survey;

import java.math.BigDecimal;

/**
 * The answer to a survey submission or amendment: the activity level the answers give, the campaign's threshold and
 * whether the level reaches it.
 */
public record ActivityDecision(ActivityLevel activityLevel, BigDecimal threshold, boolean sufficient) {
}
