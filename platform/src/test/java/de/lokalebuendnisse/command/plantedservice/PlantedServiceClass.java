package de.lokalebuendnisse.command.plantedservice;

/** Stands for a class of a service, which the platform must not know. */
public class PlantedServiceClass {
}
