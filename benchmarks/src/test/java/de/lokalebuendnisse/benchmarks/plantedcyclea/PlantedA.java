package de.lokalebuendnisse.benchmarks.plantedcyclea;

/** Breaks the no-cycle rule on purpose, with {@code PlantedB}: shows the rule can fail. */
public class PlantedA {
    public de.lokalebuendnisse.benchmarks.plantedcycleb.PlantedB other;
}
