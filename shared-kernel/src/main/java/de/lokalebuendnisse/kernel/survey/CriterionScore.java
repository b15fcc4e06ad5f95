package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.Require;

/** The answer to one criterion. Whether it lies inside the scale is decided by the campaign that knows it. */
public record CriterionScore(String criterionId, int score) {

    public CriterionScore {
        Require.text(criterionId, "scores.criterionId", 40);
    }
}
