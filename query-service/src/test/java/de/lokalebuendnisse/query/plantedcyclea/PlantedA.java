package de.lokalebuendnisse.query.plantedcyclea;

/** Breaks the no-cycle rule on purpose, with {@code PlantedB}: shows the rule can fail. */
public class PlantedA {
    public de.lokalebuendnisse.query.plantedcycleb.PlantedB other;
}
