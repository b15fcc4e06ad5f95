package de.lokalebuendnisse.audit.service.config;

/** Breaks the configuration rule on purpose (wiring that names a feature's class): shows the rule can fail. */
public class PlantedWiringOfAFeature {
    public de.lokalebuendnisse.audit.service.history.PlantedFeatureClass feature;
}
