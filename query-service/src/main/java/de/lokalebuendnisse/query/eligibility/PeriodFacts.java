package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.EligibilityRules;
import de.lokalebuendnisse.kernel.eligibility.ScheduledWerkstatt;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.survey.CampaignYear;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What an award period recorded about itself: the rules of its opening, its Werkstätten, ceremony and closing. */
public record PeriodFacts(AwardPeriod period,
                          CampaignYear surveyYear,
                          String sealName,
                          AwardCeremony ceremony,
                          GrantRule grantRule,
                          RenewalRule renewalRule,
                          AwardPeriod previousPeriod,
                          List<ScheduledWerkstatt> werkstaetten,
                          boolean ceremonyHeld,
                          boolean closed) {

    private static final Comparator<ScheduledWerkstatt> BY_DATE =
            Comparator.comparing(ScheduledWerkstatt::date).thenComparing(w -> w.werkstattId().value());

    public PeriodFacts {
        werkstaetten = werkstaetten == null ? List.of() : List.copyOf(werkstaetten);
    }

    /**
     * The opening's facts over whatever is already stored: a redelivered opening must not forget the Werkstätten,
     * ceremony or closing recorded after it.
     */
    public static PeriodFacts opened(AwardPeriodOpened event, PeriodFacts stored) {
        return new PeriodFacts(event.period(), event.surveyYear(), event.sealName(), event.ceremony(),
                event.grantRule(), event.renewalRule(), event.previousPeriod(),
                stored == null ? List.of() : stored.werkstaetten(),
                stored != null && stored.ceremonyHeld(), stored != null && stored.closed());
    }

    /** The aggregate refuses a second Werkstatt under a known id with other details, so the id identifies it. */
    public PeriodFacts withWerkstatt(ScheduledWerkstatt werkstatt) {
        List<ScheduledWerkstatt> all = new ArrayList<>(werkstaetten.stream()
                .filter(w -> !w.werkstattId().equals(werkstatt.werkstattId())).toList());
        all.add(werkstatt);
        all.sort(BY_DATE);
        return new PeriodFacts(period, surveyYear, sealName, ceremony, grantRule, renewalRule, previousPeriod, all,
                ceremonyHeld, closed);
    }

    public PeriodFacts withCeremonyHeld() {
        return new PeriodFacts(period, surveyYear, sealName, ceremony, grantRule, renewalRule, previousPeriod,
                werkstaetten, true, closed);
    }

    public PeriodFacts withClosed() {
        return new PeriodFacts(period, surveyYear, sealName, ceremony, grantRule, renewalRule, previousPeriod,
                werkstaetten, ceremonyHeld, true);
    }

    /** The rule exactly as the SealAward aggregate passes it to {@link SealEligibility#decide}. */
    public SealEligibility.Rule rule() {
        return new SealEligibility.Rule(grantRule, renewalRule, surveyYear, previousPeriod, closed);
    }

    public EligibilityRules rules() {
        return new EligibilityRules(surveyYear, grantRule, renewalRule, previousPeriod);
    }
}
