package de.lokalebuendnisse.query.config;

/** Breaks the configuration rule on purpose (wiring that names a feature's class): shows the rule can fail. */
public class PlantedWiringOfAFeature {
    public de.lokalebuendnisse.query.directory.PlantedFeatureClass feature;
}
