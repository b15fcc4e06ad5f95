package de.lokalebuendnisse.platform.plantedcycleb;

/** Breaks the no-cycle rule on purpose, with {@code PlantedA}: shows the rule can fail. */
public class PlantedB {
    public de.lokalebuendnisse.platform.plantedcyclea.PlantedA other;
}
