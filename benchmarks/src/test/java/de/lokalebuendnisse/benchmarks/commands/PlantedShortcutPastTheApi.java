package de.lokalebuendnisse.benchmarks.commands;

/** Breaks the HTTP-only rule on purpose (a throughput client that builds the kernel's ids): shows the rule can fail. */
public class PlantedShortcutPastTheApi {
    public de.lokalebuendnisse.kernel.buendnis.BuendnisId id;
}
