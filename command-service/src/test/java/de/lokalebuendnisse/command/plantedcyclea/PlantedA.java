package de.lokalebuendnisse.command.plantedcyclea;

/** Breaks the no-cycle rule on purpose, with {@code PlantedB}: shows the rule can fail. */
public class PlantedA {
    public de.lokalebuendnisse.command.plantedcycleb.PlantedB other;
}
