package de.lokalebuendnisse.audit.service.architecture;

import de.lokalebuendnisse.audit.service.AuditServiceApplication;
import de.lokalebuendnisse.audit.service.config.PlantedWiringOfAFeature;
import de.lokalebuendnisse.audit.service.history.PlantedFeatureClass;
import de.lokalebuendnisse.audit.service.plantedcyclea.PlantedA;
import de.lokalebuendnisse.audit.service.plantedcycleb.PlantedB;
import de.lokalebuendnisse.audit.service.plantedfeature.PlantedUseOfTheApplicationClass;
import de.lokalebuendnisse.audit.service.web.PlantedControllerReadingTheDatabase;
import de.lokalebuendnisse.platform.architecture.ReadSideArchitectureSuite;

import java.util.List;

/** The auditors' service's boundaries ({@link ReadSideArchitectureSuite}), the command line's composition included. */
class AuditServiceArchitectureTest extends ReadSideArchitectureSuite {

    @Override
    protected String root() {
        return "de.lokalebuendnisse.audit.service";
    }

    @Override
    protected List<String> features() {
        return List.of("asof", "chain", "cli", "explanation", "export", "history", "person", "replay", "web");
    }

    @Override
    protected List<Class<?>> plantedCycle() {
        return List.of(PlantedA.class, PlantedB.class);
    }

    @Override
    protected List<Class<?>> plantedUseOfTheApplicationClass() {
        return List.of(PlantedUseOfTheApplicationClass.class, AuditServiceApplication.class);
    }

    @Override
    protected List<Class<?>> plantedWiringOfAFeature() {
        return List.of(PlantedWiringOfAFeature.class, PlantedFeatureClass.class);
    }

    @Override
    protected Class<?> plantedControllerReadingTheDatabase() {
        return PlantedControllerReadingTheDatabase.class;
    }
}
