package de.lokalebuendnisse.query.architecture;

import de.lokalebuendnisse.query.QueryServiceApplication;
import de.lokalebuendnisse.query.config.PlantedWiringOfAFeature;
import de.lokalebuendnisse.query.directory.PlantedFeatureClass;
import de.lokalebuendnisse.query.plantedcyclea.PlantedA;
import de.lokalebuendnisse.query.plantedcycleb.PlantedB;
import de.lokalebuendnisse.query.plantedfeature.PlantedUseOfTheApplicationClass;
import de.lokalebuendnisse.query.web.PlantedControllerReadingTheDatabase;
import de.lokalebuendnisse.platform.architecture.ReadSideArchitectureSuite;

import java.util.List;

/** The query service's boundaries ({@link ReadSideArchitectureSuite}); its features: the directory, the eligibility view and the web layer. */
class QueryServiceArchitectureTest extends ReadSideArchitectureSuite {

    @Override
    protected String root() {
        return "de.lokalebuendnisse.query";
    }

    @Override
    protected List<String> features() {
        return List.of("certificate", "directory", "eligibility", "seal", "web");
    }

    @Override
    protected List<Class<?>> plantedCycle() {
        return List.of(PlantedA.class, PlantedB.class);
    }

    @Override
    protected List<Class<?>> plantedUseOfTheApplicationClass() {
        return List.of(PlantedUseOfTheApplicationClass.class, QueryServiceApplication.class);
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
