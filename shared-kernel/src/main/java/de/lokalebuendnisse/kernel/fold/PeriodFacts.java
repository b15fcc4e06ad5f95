package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.EligibilityRules;
import de.lokalebuendnisse.kernel.eligibility.ScheduledWerkstatt;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.CampaignYear;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What an award period recorded about itself: the rules of its opening, its Werkstätten, ceremony and closing.
 *
 * @param grantedAtCeremony whom the ceremony granted the seal, in its order; empty until it is held
 */
public record PeriodFacts(AwardPeriod period,
                          CampaignYear surveyYear,
                          String sealName,
                          AwardCeremony ceremony,
                          GrantRule grantRule,
                          RenewalRule renewalRule,
                          AwardPeriod previousPeriod,
                          List<ScheduledWerkstatt> werkstaetten,
                          boolean ceremonyHeld,
                          boolean closed,
                          List<BuendnisId> grantedAtCeremony) {

    private static final Comparator<ScheduledWerkstatt> BY_DATE =
            Comparator.comparing(ScheduledWerkstatt::date).thenComparing(w -> w.werkstattId().value());

    public PeriodFacts {
        werkstaetten = werkstaetten == null ? List.of() : List.copyOf(werkstaetten);
        grantedAtCeremony = grantedAtCeremony == null ? List.of() : List.copyOf(grantedAtCeremony);
    }

    /**
     * The period's facts after one event of its stream.
     *
     * @param before null until the opening; the opening's facts go over whatever is already stored, so a redelivered
     *               opening does not forget the Werkstätten, ceremony or closing recorded after it
     * @throws IllegalStateException for any other first event: the aggregate's first event is its opening
     */
    public static PeriodFacts evolve(PeriodFacts before, SealAwardEvent event) {
        if (event instanceof AwardPeriodOpened e) {
            return new PeriodFacts(e.period(), e.surveyYear(), e.sealName(), e.ceremony(), e.grantRule(),
                    e.renewalRule(), e.previousPeriod(), before == null ? List.of() : before.werkstaetten(),
                    before != null && before.ceremonyHeld(), before != null && before.closed(),
                    before == null ? List.of() : before.grantedAtCeremony());
        }
        if (before == null) {
            throw new IllegalStateException("award period " + event.period().label() + " has no opening before its "
                    + event.getClass().getSimpleName());
        }
        if (event instanceof WerkstattScheduled e) {
            return before.withWerkstatt(new ScheduledWerkstatt(e.werkstattId(), e.region(), e.place(), e.date(),
                    e.format()));
        }
        if (event instanceof AwardCeremonyHeld e) {
            return new PeriodFacts(before.period, before.surveyYear, before.sealName, before.ceremony,
                    before.grantRule, before.renewalRule, before.previousPeriod, before.werkstaetten, true,
                    before.closed, e.granted());
        }
        if (event instanceof AwardPeriodClosed) {
            return new PeriodFacts(before.period, before.surveyYear, before.sealName, before.ceremony,
                    before.grantRule, before.renewalRule, before.previousPeriod, before.werkstaetten,
                    before.ceremonyHeld, true, before.grantedAtCeremony);
        }
        return before;
    }

    /** The aggregate refuses a second Werkstatt under a known id with other details, so the id identifies it. */
    private PeriodFacts withWerkstatt(ScheduledWerkstatt werkstatt) {
        List<ScheduledWerkstatt> all = new ArrayList<>(werkstaetten.stream()
                .filter(w -> !w.werkstattId().equals(werkstatt.werkstattId())).toList());
        all.add(werkstatt);
        all.sort(BY_DATE);
        return new PeriodFacts(period, surveyYear, sealName, ceremony, grantRule, renewalRule, previousPeriod, all,
                ceremonyHeld, closed, grantedAtCeremony);
    }

    public Optional<ScheduledWerkstatt> werkstatt(WerkstattId werkstattId) {
        return werkstaetten.stream().filter(w -> w.werkstattId().equals(werkstattId)).findFirst();
    }

    /** The rule {@link SealEligibility#decide} judges by. */
    public SealEligibility.Rule rule() {
        return new SealEligibility.Rule(grantRule, renewalRule, surveyYear, previousPeriod, closed);
    }

    public EligibilityRules rules() {
        return new EligibilityRules(surveyYear, grantRule, renewalRule, previousPeriod);
    }
}
