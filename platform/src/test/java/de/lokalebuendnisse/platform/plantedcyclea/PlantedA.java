package de.lokalebuendnisse.platform.plantedcyclea;

/** Breaks the no-cycle rule on purpose, with {@code PlantedB}; and names a service class: shows both rules can fail. */
public class PlantedA {
    public de.lokalebuendnisse.platform.plantedcycleb.PlantedB other;
    public de.lokalebuendnisse.command.plantedservice.PlantedServiceClass service;
}
