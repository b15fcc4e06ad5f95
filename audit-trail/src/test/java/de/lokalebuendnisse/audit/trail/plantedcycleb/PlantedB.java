package de.lokalebuendnisse.audit.trail.plantedcycleb;

import de.lokalebuendnisse.audit.trail.plantedcyclea.PlantedA;

/** The other half of the package cycle planted for the architecture test; test sources only. */
public final class PlantedB {
    PlantedA other;
}
