package de.lokalebuendnisse.audit.trail.plantedcyclea;

import de.lokalebuendnisse.audit.trail.plantedcycleb.PlantedB;

/** Half of a package cycle planted for the architecture test; test sources only. */
public final class PlantedA {
    PlantedB other;
}
