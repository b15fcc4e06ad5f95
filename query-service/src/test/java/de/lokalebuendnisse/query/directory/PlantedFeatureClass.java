package de.lokalebuendnisse.query.directory;

/** A feature class the planted wiring reaches into. */
public class PlantedFeatureClass {
}
