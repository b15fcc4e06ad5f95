package de.lokalebuendnisse.kernel.plantedcycleb;

/** Breaks the no-cycle rule on purpose, with {@code PlantedA}: shows the rule can fail. */
public final class PlantedB {
    public final de.lokalebuendnisse.kernel.plantedcyclea.PlantedA other = null;
}
