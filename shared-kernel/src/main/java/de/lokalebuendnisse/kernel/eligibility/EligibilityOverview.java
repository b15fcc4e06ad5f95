package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;

import java.util.List;

/**
 * Who in an award period meets which criterion and who is missing what.
 *
 * @param rules        what the period's opening event stated, so the entries can be read against it
 * @param ceremonyHeld whether the Bündnisdialog has granted its seals
 * @param closed       a closed period grants nothing more; its entries then miss {@code PERIOD_OPEN}
 * @param werkstaetten the Werkstätten scheduled in the period, by date
 * @param counts       per status over the alliances of the requested Bundesland (all when none was asked for),
 *                     before the status filter, so the other statuses stay in sight
 * @param entries      the alliances matching the query, by id
 */
public record EligibilityOverview(AwardPeriod period,
                                  String sealName,
                                  EligibilityRules rules,
                                  AwardCeremony ceremony,
                                  boolean ceremonyHeld,
                                  boolean closed,
                                  List<ScheduledWerkstatt> werkstaetten,
                                  EligibilityCounts counts,
                                  List<EligibilityEntry> entries) {

    public EligibilityOverview {
        werkstaetten = werkstaetten == null ? List.of() : List.copyOf(werkstaetten);
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
