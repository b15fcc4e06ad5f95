package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityRules;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.eligibility.ScheduledWerkstatt;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;

import java.time.Instant;
import java.util.List;

/**
 * An award period as the events recorded up to {@code at} show it: its rules, who was eligible with which criteria
 * met, who was missing what, who held its seal or had lost it, and which seals of any period were held at
 * {@code at}.
 *
 * @param periodStream the part of the period's stream the answer was computed from
 * @param alliances    every alliance the period had heard of by then (as the SealAward aggregate counts its
 *                     candidates), by id
 * @param sealsHeld    the seals of every period granted and not revoked by {@code at}, by period and alliance
 */
public record AwardStateAsOf(Instant at,
                             AwardPeriod period,
                             String sealName,
                             EligibilityRules rules,
                             AwardCeremony ceremony,
                             boolean ceremonyHeld,
                             boolean closed,
                             List<ScheduledWerkstatt> werkstaetten,
                             EligibilityCounts counts,
                             List<AllianceAsOf> alliances,
                             List<SealHolding> sealsHeld,
                             EventsConsidered periodStream) {

    public AwardStateAsOf {
        werkstaetten = werkstaetten == null ? List.of() : List.copyOf(werkstaetten);
        alliances = alliances == null ? List.of() : List.copyOf(alliances);
        sealsHeld = sealsHeld == null ? List.of() : List.copyOf(sealsHeld);
    }
}
