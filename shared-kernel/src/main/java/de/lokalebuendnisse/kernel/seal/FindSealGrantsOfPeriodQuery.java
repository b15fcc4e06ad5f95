package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;

/**
 * Every grant of a period's seal, revoked ones included, ordered by alliance name (then id); answered with a list of
 * {@link SealGrantView} ({@code ResponseTypes.multipleInstancesOf(SealGrantView.class)}), empty when there is none.
 */
public record FindSealGrantsOfPeriodQuery(AwardPeriod period) {

    public FindSealGrantsOfPeriodQuery {
        Require.present(period, "period");
    }
}
