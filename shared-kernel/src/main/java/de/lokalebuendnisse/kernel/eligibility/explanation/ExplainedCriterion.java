package de.lokalebuendnisse.kernel.eligibility.explanation;

import de.lokalebuendnisse.kernel.seal.GrantCriterion;

/**
 * One criterion of the rule as it was judged.
 *
 * @param required whether the alliance's path needs it: a previous holder judged by the renewal path needs no
 *                 survey, and the previous seal is needed only on that path
 * @param fact     what was recorded, the criterion was judged on
 * @param text     the same in German words, as the explanation's sentence uses it
 */
public record ExplainedCriterion(GrantCriterion criterion, boolean met, boolean required, CriterionFact fact, String text) {
}
