package de.lokalebuendnisse.audit.service.plantedcycleb;

/** Breaks the no-cycle rule on purpose, with {@code PlantedA}: shows the rule can fail. */
public class PlantedB {
    public de.lokalebuendnisse.audit.service.plantedcyclea.PlantedA other;
}
