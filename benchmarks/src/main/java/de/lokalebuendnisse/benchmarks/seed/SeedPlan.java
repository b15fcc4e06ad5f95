package de.lokalebuendnisse.benchmarks.seed;

import java.util.List;
import java.util.Map;

/**
 * The generated seed: its steps in order, and what it holds (alliances, commands, and counts such as seals per
 * period, answers per year, alliances per Land), so a reader of the report sees the data the figures are for.
 */
public record SeedPlan(List<SeedStep> steps, int alliances, int commands, Map<String, Integer> counts,
                       Map<String, Long> alliancesPerLand) {
}
