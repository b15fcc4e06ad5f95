package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.InvalidValueException;

/** The whole-number answer scale of a campaign, both ends included. */
public record AnswerScale(int min, int max) {

    public AnswerScale {
        if (min < 0) {
            throw new InvalidValueException("scale.min", "not-negative", "must be 0 or more");
        }
        if (max <= min) {
            throw new InvalidValueException("scale.max", "greater-than-min", "must be greater than scale.min");
        }
        if (max > 100) {
            throw new InvalidValueException("scale.max", "at-most-100", "must be 100 or less");
        }
    }

    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    public boolean contains(java.math.BigDecimal value) {
        return value.compareTo(java.math.BigDecimal.valueOf(min)) >= 0
                && value.compareTo(java.math.BigDecimal.valueOf(max)) <= 0;
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}
