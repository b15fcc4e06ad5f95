package de.lokalebuendnisse.audit.service.plantedfeature;

/** Breaks the application-class rule on purpose: shows the rule can fail. */
public class PlantedUseOfTheApplicationClass {
    public Class<?> application = de.lokalebuendnisse.audit.service.AuditServiceApplication.class;
}
