package de.lokalebuendnisse.benchmarks.seed;

/** Breaks the HTTP-only rule on purpose (a seed that builds the kernel's campaign year): shows the rule can fail. */
public class PlantedSeedShortcut {
    public de.lokalebuendnisse.kernel.survey.CampaignYear year;
}
