package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;

/** One alliance's {@link EligibilityEntry} in one award period, or nothing when the period has not heard of it. */
public record FindEligibilityEntryQuery(AwardPeriod period, BuendnisId buendnisId) {

    public FindEligibilityEntryQuery {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
    }
}
