package de.lokalebuendnisse.kernel.eligibility.explanation;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;

import java.math.BigDecimal;

/**
 * The recorded fact a criterion was judged on. Only the fields of the criterion's kind are set (the others are
 * left out of JSON): the survey's level against its threshold, the declared interest, the Werkstatt attendance
 * (id, region, place, date, format, mode and representative organisation), the previous seal with the renewal rule,
 * the alliance's standing, or whether the period was open. A survey fact without level means no outcome was
 * recorded; an attendance fact without attendance means none was.
 *
 * @param activityLevel the mean score, rounded to two places, as the survey recorded it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CriterionFact(CampaignYear surveyYear,
                            BigDecimal activityLevel,
                            BigDecimal threshold,
                            SubmissionChannel channel,
                            Boolean projektZukunftInterest,
                            WerkstattAttendance attendance,
                            AwardPeriod previousPeriod,
                            Boolean previousSealHeld,
                            RenewalRule renewalRule,
                            BuendnisStatus status,
                            Boolean periodOpen) {

    public static CriterionFact survey(CampaignYear year, BigDecimal activityLevel, BigDecimal threshold,
                                       SubmissionChannel channel) {
        return new CriterionFact(year, activityLevel, threshold, channel, null, null, null, null, null, null, null);
    }

    public static CriterionFact interest(CampaignYear year, Boolean declared) {
        return new CriterionFact(year, null, null, null, declared, null, null, null, null, null, null);
    }

    public static CriterionFact attendance(WerkstattAttendance attendance) {
        return new CriterionFact(null, null, null, null, null, attendance, null, null, null, null, null);
    }

    public static CriterionFact previousSeal(AwardPeriod previousPeriod, boolean held, RenewalRule renewalRule) {
        return new CriterionFact(null, null, null, null, null, null, previousPeriod, held, renewalRule, null, null);
    }

    public static CriterionFact standing(BuendnisStatus status) {
        return new CriterionFact(null, null, null, null, null, null, null, null, null, status, null);
    }

    public static CriterionFact period(boolean open) {
        return new CriterionFact(null, null, null, null, null, null, null, null, null, null, open);
    }
}
