package de.lokalebuendnisse.kernel.eligibility.explanation;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.GrantedSeal;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.RevokedSeal;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;

import java.time.Instant;
import java.util.List;

/**
 * Why an alliance got, renewed, lost or would not get a seal: the rule and its version, each criterion with the
 * fact that met it or not, and a German sentence a person can read.
 *
 * @param at          when the grant or revocation was recorded; for ELIGIBLE and REFUSAL the instant decided at
 * @param rule        the grant rule applied (for a grant: the one its evidence names)
 * @param ruleVersion the version in the rule's name ({@code SURVEY_INTEREST_WERKSTATT_V1} is 1)
 * @param basis       the path: SURVEY or RENEWAL; for a refusal the path the alliance is judged by
 * @param criteria    each criterion in a fixed order (period, standing, survey, interest, Werkstatt, previous seal)
 * @param missing     for a refusal, each missing criterion with the reason a refused grant gives; else empty
 * @param grant       the grant explained, or the grant a revocation revoked; null for ELIGIBLE and REFUSAL
 * @param revocation  for a revocation, its reason and instant; else null
 * @param sentence    plain German, built only from what was recorded
 * @param by          who recorded the grant or revocation explained, from its event's metadata; null for ELIGIBLE
 *                    and REFUSAL (no event decided them) and for events stored before tokens were required
 * @param grantBy     for a revocation, who recorded the grant it revoked (null likewise); else null
 */
public record Explanation(ExplanationKind kind,
                          AwardPeriod period,
                          BuendnisId buendnisId,
                          String sealName,
                          Instant at,
                          GrantRule rule,
                          int ruleVersion,
                          RenewalRule renewalRule,
                          GrantBasis basis,
                          List<ExplainedCriterion> criteria,
                          List<MissingCriterion> missing,
                          GrantedSeal grant,
                          RevokedSeal revocation,
                          String sentence,
                          ActingIdentity by,
                          ActingIdentity grantBy) {

    public Explanation {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
