package de.lokalebuendnisse.benchmarks.plantedcycleb;

/** Breaks the no-cycle rule on purpose, with {@code PlantedA}: shows the rule can fail. */
public class PlantedB {
    public de.lokalebuendnisse.benchmarks.plantedcyclea.PlantedA other;
}
