package de.lokalebuendnisse.query.plantedfeature;

/** Breaks the application-class rule on purpose: shows the rule can fail. */
public class PlantedUseOfTheApplicationClass {
    public Class<?> application = de.lokalebuendnisse.query.QueryServiceApplication.class;
}
