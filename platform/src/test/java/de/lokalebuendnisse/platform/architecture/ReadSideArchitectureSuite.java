package de.lokalebuendnisse.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The boundaries of a reading service (query service, auditors' service), written once: its packages form no cycle
 * (the application classes included), wiring does not reach into features, and the web layer asks query handlers
 * and the features' services, never a database. Each rule is also checked against classes the service plants in
 * its test sources to break it, so none of them can pass blindly.
 */
public abstract class ReadSideArchitectureSuite {

    /** The service's root package, e.g. {@code de.lokalebuendnisse.query}. */
    protected abstract String root();

    /** The service's feature packages below the root (everything but {@code config} and the root itself). */
    protected abstract List<String> features();

    /** Two classes in two packages that name each other. */
    protected abstract List<Class<?>> plantedCycle();

    /** A feature class that names the application class, and the application class. */
    protected abstract List<Class<?>> plantedUseOfTheApplicationClass();

    /** A class in {@code config} that names a class of a feature package, and that class. */
    protected abstract List<Class<?>> plantedWiringOfAFeature();

    /** A class in {@code web} that holds a {@code MongoDatabase}. */
    protected abstract Class<?> plantedControllerReadingTheDatabase();

    ArchRule noCycleRule() {
        return slices().matching(root() + ".(**)")
                .should().beFreeOfCycles()
                .because("a cycle between packages makes each one impossible to understand, test or move alone");
    }

    ArchRule applicationClassRule() {
        return noClasses()
                .that().resideInAPackage(root() + ".*..")
                .should().dependOnClassesThat().resideInAPackage(root())
                .because("the application classes wire the service; a feature that needs one forms a cycle with it");
    }

    ArchRule wiringRule() {
        return noClasses()
                .that().resideInAPackage(root() + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage(features().stream()
                        .map(feature -> root() + "." + feature + "..").toArray(String[]::new))
                .because("wiring is shared by every feature; a feature's own wiring lives in the feature");
    }

    ArchRule webRule() {
        return noClasses()
                .that().resideInAPackage(root() + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "java.sql..",
                        "javax.sql..", "org.axonframework.eventsourcing..")
                .because("the web layer asks query handlers; documents and events stay behind them");
    }

    private JavaClasses mainClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root());
    }

    @Test
    void packagesFormNoCycle() {
        noCycleRule().check(mainClasses());
    }

    @Test
    void noPackageDependsOnTheApplicationClasses() {
        applicationClassRule().check(mainClasses());
    }

    @Test
    void configurationImportsNoFeaturePackage() {
        wiringRule().check(mainClasses());
    }

    @Test
    void theWebLayerAsksNoDatabase() {
        webRule().check(mainClasses());
    }

    @Test
    void theCycleRuleFailsOnAPlantedCycleBetweenTwoPackages() {
        assertThatThrownBy(() -> noCycleRule().check(planted(plantedCycle())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("plantedcyclea");
    }

    @Test
    void theApplicationClassRuleFailsOnAPlantedFeatureThatNamesIt() {
        assertThatThrownBy(() -> applicationClassRule().check(
                planted(plantedUseOfTheApplicationClass())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedUseOfTheApplicationClass");
    }

    @Test
    void theWiringRuleFailsOnPlantedWiringThatNamesAFeatureClass() {
        assertThatThrownBy(() -> wiringRule().check(planted(plantedWiringOfAFeature())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedWiringOfAFeature");
    }

    @Test
    void theWebRuleFailsOnAPlantedControllerThatReadsTheDatabase() {
        assertThatThrownBy(() -> webRule().check(planted(List.of(plantedControllerReadingTheDatabase()))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("MongoDatabase");
    }

    private static JavaClasses planted(List<Class<?>> classes) {
        return new ClassFileImporter().importClasses(classes.toArray(Class<?>[]::new));
    }
}
