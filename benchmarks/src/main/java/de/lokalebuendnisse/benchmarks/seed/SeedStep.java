package de.lokalebuendnisse.benchmarks.seed;

import java.util.List;

/** A step of the seed: a batch of commands that may be sent in any order, or a wait for the award intake. */
public sealed interface SeedStep {

    /** Commands with no order among them (each depends only on earlier steps): sent by all clients at once. */
    record Batch(String name, List<SeedCommand> commands) implements SeedStep {
    }

    /**
     * Waits until the eligibility view of {@code period} (URL form) shows {@code eligible} alliances as eligible:
     * the award intake forwards survey outcomes asynchronously, so grants sent before it has would be refused.
     */
    record AwaitEligible(String period, int eligible) implements SeedStep {
    }
}
