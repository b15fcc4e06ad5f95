package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.RenewalRule;

/**
 * Whether the alliance held the previous period's seal. No requirement of its own: where the renewal rule allows,
 * it opens the renewal path, which needs an attendance but no survey.
 *
 * @param previousPeriod null for the first period
 * @param renewalApplies the alliance is judged by the renewal path
 */
public record PreviousSealCriterion(boolean held,
                                    AwardPeriod previousPeriod,
                                    RenewalRule renewalRule,
                                    boolean renewalApplies) {
}
