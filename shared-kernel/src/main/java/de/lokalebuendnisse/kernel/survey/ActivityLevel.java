package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.InvalidValueException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Aktivitätsgrad: the unweighted mean of the per-criterion scores. The mean is shown rounded to two places;
 * whether it reaches a threshold is decided on the exact sum, so rounding never tips a decision.
 */
public record ActivityLevel(BigDecimal mean, int scoreSum, int criteriaCount) {

    public ActivityLevel {
        if (criteriaCount <= 0) {
            throw new InvalidValueException("scores", "not-empty", "an activity level needs at least one score");
        }
    }

    public static ActivityLevel of(List<CriterionScore> scores) {
        int sum = scores.stream().mapToInt(CriterionScore::score).sum();
        int count = scores.size();
        if (count == 0) {
            throw new InvalidValueException("scores", "not-empty", "an activity level needs at least one score");
        }
        BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        return new ActivityLevel(mean, sum, count);
    }

    /** mean >= threshold, compared exactly as sum >= threshold * count. */
    public boolean reaches(BigDecimal threshold) {
        return BigDecimal.valueOf(scoreSum).compareTo(threshold.multiply(BigDecimal.valueOf(criteriaCount))) >= 0;
    }
}
