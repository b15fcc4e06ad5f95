package de.lokalebuendnisse.kernel.eligibility.explanation;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;

import java.time.Instant;

/**
 * The explanation of every grant, renewal and revocation in an award period's stream, in the order recorded.
 * Answered with {@link PeriodExplanations}, or nothing when the period had not been opened (by {@code at}).
 *
 * @param at only events recorded up to this instant; null for all
 */
public record FindExplanationsQuery(AwardPeriod period, Instant at) {

    public FindExplanationsQuery {
        Require.present(period, "period");
    }
}
