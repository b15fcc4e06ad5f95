package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;

import java.time.Instant;

/**
 * An award period as it stood at a past instant, computed from the events recorded up to that instant (not from
 * today's projections). Answered with an {@link AwardStateAsOf}, or nothing when the period had not been opened by
 * then. Whether {@code at} lies in the future is checked where "now" is known (REST, command line), not here: a
 * query may be read back on another machine.
 */
public record FindAwardStateAsOfQuery(Instant at, AwardPeriod period) {

    public FindAwardStateAsOfQuery {
        Require.present(at, "at");
        Require.present(period, "period");
    }
}
