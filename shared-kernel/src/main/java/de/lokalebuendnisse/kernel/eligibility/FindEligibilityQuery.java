package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.Require;

/**
 * The eligibility view of one award period, answered with an {@link EligibilityOverview}, or nothing when the
 * period is unknown. Also the subscription query of the live stream: each update is the whole overview again.
 *
 * @param status     only entries with this status; null for all
 * @param bundesland only alliances of this Land; null for all
 */
public record FindEligibilityQuery(AwardPeriod period, EligibilityStatus status, Bundesland bundesland) {

    public FindEligibilityQuery {
        Require.present(period, "period");
    }
}
