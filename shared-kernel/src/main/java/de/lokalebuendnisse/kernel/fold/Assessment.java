package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.eligibility.ActiveCriterion;
import de.lokalebuendnisse.kernel.eligibility.AttendanceCriterion;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCriteria;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.InterestCriterion;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.PreviousSealCriterion;
import de.lokalebuendnisse.kernel.eligibility.SurveyCriterion;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;

import java.util.List;

/**
 * The period's grant rule applied to one alliance's facts, as staff see it: the overall status and each criterion's
 * state. The decision is {@link SealEligibility#decide}'s, the very function the SealAward aggregate grants by. The
 * eligibility view and the answers as of an instant both judge with it, so the live view and a look back judge alike.
 */
public record Assessment(EligibilityStatus status, GrantBasis basis, List<MissingCriterion> missing,
                         EligibilityCriteria criteria) {

    public Assessment {
        missing = List.copyOf(missing);
    }

    public static Assessment of(PeriodFacts period, AllianceFacts facts) {
        EligibilityCriteria criteria = criteria(period, facts);
        if (facts.revocation() != null) {
            return new Assessment(EligibilityStatus.REVOKED, facts.grant() == null ? null : facts.grant().basis(),
                    List.of(), criteria);
        }
        if (facts.grant() != null) {
            return new Assessment(EligibilityStatus.GRANTED, facts.grant().basis(), List.of(), criteria);
        }
        SealEligibility.Decision decision = SealEligibility.decide(period.rule(), facts.sealFacts());
        if (decision.eligible()) {
            return new Assessment(EligibilityStatus.ELIGIBLE, decision.evidence().basis(), List.of(), criteria);
        }
        List<MissingCriterion> missing = decision.missing().stream()
                .map(reason -> new MissingCriterion(GrantCriterion.valueOf(reason.rule()), reason.detail()))
                .toList();
        return new Assessment(EligibilityStatus.MISSING, null, missing, criteria);
    }

    private static EligibilityCriteria criteria(PeriodFacts period, AllianceFacts facts) {
        SurveyOutcome survey = facts.survey();
        SurveyCriterion surveySufficient = survey == null
                ? new SurveyCriterion(false, period.surveyYear(), false, null, null, null)
                : new SurveyCriterion(survey.sufficient(), survey.year(), true, survey.activityLevel().mean(),
                survey.threshold(), survey.channel());
        InterestCriterion interest = new InterestCriterion(survey != null && survey.projektZukunftInterest());
        WerkstattAttendance first = facts.firstAttendance();
        AttendanceCriterion attended = first == null
                ? new AttendanceCriterion(false, null, null, null, null, null, null, null)
                : new AttendanceCriterion(true, first.werkstattId(), first.region(), first.place(), first.date(),
                first.format(), first.mode(), first.representativeOrganisation());
        // the same condition by which SealEligibility judges a previous holder by the renewal path
        boolean renewalApplies = period.renewalRule() == RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE
                && facts.previousSealHeld();
        PreviousSealCriterion previousSeal = new PreviousSealCriterion(facts.previousSealHeld(),
                period.previousPeriod(), period.renewalRule(), renewalApplies);
        ActiveCriterion active = new ActiveCriterion(facts.status() == BuendnisStatus.ACTIVE, facts.status());
        return new EligibilityCriteria(surveySufficient, interest, attended, previousSeal, active);
    }
}
