package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.survey.CampaignYear;

import java.util.ArrayList;
import java.util.List;

/**
 * The period's grant rule applied to what the period has recorded of one alliance. An alliance meets the rule
 * <ul>
 *   <li>through the survey when (a) its activity level is sufficient, (b) it declared interest in Projekt Zukunft
 *   and (c) it attended a Werkstatt of the period, itself or through a representative; or</li>
 *   <li>by renewal, where the period's renewal rule allows it, when it held the previous period's seal and
 *   attended a Werkstatt of the period;</li>
 * </ul>
 * and in both cases only while it is active and the seal was neither granted nor revoked in this period.
 * <p>
 * Pure and shared: the SealAward aggregate decides grants with it, and the eligibility view shows staff the same
 * answer, so the two cannot drift apart.
 */
public final class SealEligibility {

    /** What the period knows of one alliance. */
    public record Facts(BuendnisStatus status,
                 SurveyOutcome survey,
                 WerkstattAttendance firstAttendance,
                 boolean previousSealHeld,
                 boolean granted,
                 boolean revoked) {
    }

    /** The period's rules. */
    public record Rule(GrantRule grantRule, RenewalRule renewalRule, CampaignYear surveyYear, AwardPeriod previousPeriod,
                boolean periodClosed) {
    }

    /** Either evidence for a grant, or every criterion that is missing. */
    public record Decision(GrantEvidence evidence, List<Refusal.Reason> missing) {

        public boolean eligible() {
            return evidence != null;
        }
    }

    private SealEligibility() {
    }

    public static Decision decide(Rule rule, Facts facts) {
        List<Refusal.Reason> always = new ArrayList<>();
        if (rule.periodClosed()) {
            always.add(missing(GrantCriterion.PERIOD_OPEN, "the award period is closed"));
        }
        if (facts.status() != BuendnisStatus.ACTIVE) {
            always.add(missing(GrantCriterion.BUENDNIS_ACTIVE,
                    "the alliance is " + facts.status().name().toLowerCase() + " and takes part in nothing"));
        }
        if (facts.granted()) {
            always.add(missing(GrantCriterion.NOT_YET_GRANTED, "the alliance already holds the seal of this period"));
        }
        if (facts.revoked()) {
            always.add(missing(GrantCriterion.NOT_REVOKED_IN_PERIOD,
                    "the seal of this period was revoked from the alliance"));
        }

        List<Refusal.Reason> attendance = new ArrayList<>();
        if (facts.firstAttendance() == null) {
            attendance.add(missing(GrantCriterion.WERKSTATT_ATTENDED,
                    "no attendance at a Werkstatt of this period is recorded, neither in person nor by representative"));
        }

        boolean renewalApplies = rule.renewalRule() == RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE
                && facts.previousSealHeld();
        if (renewalApplies) {
            List<Refusal.Reason> renewalMissing = concat(always, attendance);
            if (renewalMissing.isEmpty()) {
                return new Decision(evidence(GrantBasis.RENEWAL, rule, facts), List.of());
            }
        }

        List<Refusal.Reason> surveyMissing = new ArrayList<>();
        SurveyOutcome survey = facts.survey();
        if (survey == null) {
            surveyMissing.add(missing(GrantCriterion.SURVEY_SUFFICIENT,
                    "no survey outcome of the " + rule.surveyYear().value() + " campaign is recorded"));
            surveyMissing.add(missing(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST,
                    "no interest in Projekt Zukunft is recorded (it is declared in the survey)"));
        } else {
            if (!survey.sufficient()) {
                surveyMissing.add(missing(GrantCriterion.SURVEY_SUFFICIENT,
                        "activity level " + survey.activityLevel().mean().toPlainString() + " is below the threshold "
                                + survey.threshold().toPlainString() + " of the " + survey.year().value() + " campaign"));
            }
            if (!survey.projektZukunftInterest()) {
                surveyMissing.add(missing(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST,
                        "the alliance did not declare interest in Projekt Zukunft"));
            }
        }
        List<Refusal.Reason> viaSurvey = concat(always, concat(surveyMissing, attendance));
        if (viaSurvey.isEmpty()) {
            return new Decision(evidence(GrantBasis.SURVEY, rule, facts), List.of());
        }
        // a previous holder is judged by the renewal path, which needs less; everyone else by the survey path
        return new Decision(null, renewalApplies ? concat(always, attendance) : viaSurvey);
    }

    private static GrantEvidence evidence(GrantBasis basis, Rule rule, Facts facts) {
        return new GrantEvidence(basis, rule.grantRule(), rule.renewalRule(), facts.survey(), facts.firstAttendance(),
                basis == GrantBasis.RENEWAL ? rule.previousPeriod() : null, facts.status());
    }

    private static Refusal.Reason missing(GrantCriterion criterion, String detail) {
        return new Refusal.Reason("buendnisId", criterion.name(), detail);
    }

    private static List<Refusal.Reason> concat(List<Refusal.Reason> first, List<Refusal.Reason> second) {
        List<Refusal.Reason> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
