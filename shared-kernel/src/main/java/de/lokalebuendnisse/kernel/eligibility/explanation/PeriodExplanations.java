package de.lokalebuendnisse.kernel.eligibility.explanation;

import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.common.AwardPeriod;

import java.time.Instant;
import java.util.List;

/**
 * The explanations of an award period's grants, renewals and revocations, in the order of its stream.
 *
 * @param at           the instant the stream was cut at; null when every event was read
 * @param periodStream the part of the period's stream read
 */
public record PeriodExplanations(AwardPeriod period,
                                 String sealName,
                                 Instant at,
                                 EventsConsidered periodStream,
                                 List<Explanation> explanations) {

    public PeriodExplanations {
        explanations = explanations == null ? List.of() : List.copyOf(explanations);
    }
}
