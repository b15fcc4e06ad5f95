package de.lokalebuendnisse.audit.service.history;

/** A feature class the planted wiring reaches into. */
public class PlantedFeatureClass {
}
