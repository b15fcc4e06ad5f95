package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.eligibility.explanation.Explanation;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCriteria;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.GrantedSeal;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.RevokedSeal;
import de.lokalebuendnisse.kernel.seal.GrantBasis;

import java.util.List;

/**
 * One alliance of an award period at the instant asked for; the same shape as an eligibility entry, plus the
 * explanation of its status.
 *
 * @param name        from the alliance's own stream up to the instant; null (as place and bundesland) when it was
 *                    not registered by then
 * @param status      ELIGIBLE, MISSING, GRANTED or REVOKED at the instant
 * @param basis       the path that meets the rule (ELIGIBLE) or met it (GRANTED, REVOKED); null when MISSING
 * @param missing     when MISSING, every criterion not met with the reason a refused grant would have given
 * @param criteria    each criterion's state at the instant (for a granted seal: today's facts of then, which may
 *                    differ from what the grant was based on; that is in {@code explanation})
 * @param explanation why: the grant or revocation as recorded, or the decision the rule gives at the instant
 */
public record AllianceAsOf(BuendnisId buendnisId,
                           String name,
                           String place,
                           Bundesland bundesland,
                           EligibilityStatus status,
                           GrantBasis basis,
                           List<MissingCriterion> missing,
                           EligibilityCriteria criteria,
                           GrantedSeal grant,
                           RevokedSeal revocation,
                           Explanation explanation) {

    public AllianceAsOf {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
