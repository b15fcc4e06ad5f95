package de.lokalebuendnisse.audit.service.plantedcyclea;

/** Breaks the no-cycle rule on purpose, with {@code PlantedB}: shows the rule can fail. */
public class PlantedA {
    public de.lokalebuendnisse.audit.service.plantedcycleb.PlantedB other;
}
