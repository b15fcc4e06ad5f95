package de.lokalebuendnisse.command.seal;

/** A feature class the planted wiring and the planted controller reach into. */
public class PlantedFeatureProcess {
    public static final String GROUP = "planted";
}
