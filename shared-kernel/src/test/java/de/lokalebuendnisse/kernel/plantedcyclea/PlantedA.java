package de.lokalebuendnisse.kernel.plantedcyclea;

/** Breaks the no-cycle rule on purpose, with {@code PlantedB}: shows the rule can fail. */
public final class PlantedA {
    public final de.lokalebuendnisse.kernel.plantedcycleb.PlantedB other = null;
}
