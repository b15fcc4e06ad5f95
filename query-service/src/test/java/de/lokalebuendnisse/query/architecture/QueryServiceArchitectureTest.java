package de.lokalebuendnisse.query.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.lokalebuendnisse.query.QueryServiceApplication;
import de.lokalebuendnisse.query.config.PlantedWiringOfAFeature;
import de.lokalebuendnisse.query.directory.PlantedFeatureClass;
import de.lokalebuendnisse.query.plantedcyclea.PlantedA;
import de.lokalebuendnisse.query.plantedcycleb.PlantedB;
import de.lokalebuendnisse.query.plantedfeature.PlantedUseOfTheApplicationClass;
import de.lokalebuendnisse.query.web.PlantedControllerReadingTheDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query service's boundaries: its packages form no cycle (the application class included), wiring does not
 * reach into features, and the web layer asks query handlers and the projections' operations, never a database.
 */
class QueryServiceArchitectureTest {

    private static final String ROOT = "de.lokalebuendnisse.query";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching(ROOT + ".(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes each one impossible to understand, test or move alone");

    static final ArchRule NOTHING_DEPENDS_ON_THE_APPLICATION_CLASS = noClasses()
            .that().resideInAPackage(ROOT + ".*..")
            .should().dependOnClassesThat().resideInAPackage(ROOT)
            .because("the application class wires the service; a feature that needs it forms a cycle with it");

    static final ArchRule CONFIGURATION_IMPORTS_NO_FEATURE = noClasses()
            .that().resideInAPackage(ROOT + ".config..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".directory..",
                    ROOT + ".eligibility..", ROOT + ".web..")
            .because("wiring is shared by every feature; a feature's own wiring lives in the feature");

    static final ArchRule WEB_ASKS_NO_DATABASE = noClasses()
            .that().resideInAPackage(ROOT + ".web..")
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "java.sql..",
                    "javax.sql..", "org.axonframework.eventsourcing..")
            .because("the web layer asks query handlers; documents and events stay behind them");

    /** Each rule checked against classes planted in the test sources to break it: none of them can pass blindly. */
    @Nested
    class EachRuleFailsOnAPlantedViolation {

        @Test
        void aCycleBetweenTwoPackages() {
            assertThatThrownBy(() -> PACKAGES_FORM_NO_CYCLE.check(planted(PlantedA.class, PlantedB.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("plantedcyclea");
        }

        @Test
        void aFeatureThatNamesTheApplicationClass() {
            assertThatThrownBy(() -> NOTHING_DEPENDS_ON_THE_APPLICATION_CLASS.check(
                    planted(PlantedUseOfTheApplicationClass.class, QueryServiceApplication.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedUseOfTheApplicationClass");
        }

        @Test
        void wiringThatNamesAFeatureClass() {
            assertThatThrownBy(() -> CONFIGURATION_IMPORTS_NO_FEATURE.check(
                    planted(PlantedWiringOfAFeature.class, PlantedFeatureClass.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedWiringOfAFeature");
        }

        @Test
        void aControllerThatReadsTheDatabase() {
            assertThatThrownBy(() -> WEB_ASKS_NO_DATABASE.check(planted(PlantedControllerReadingTheDatabase.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("MongoDatabase");
        }

        private JavaClasses planted(Class<?>... classes) {
            return new ClassFileImporter().importClasses(classes);
        }
    }

    @Test
    void packagesFormNoCycle() {
        PACKAGES_FORM_NO_CYCLE.check(CLASSES);
    }

    @Test
    void noPackageDependsOnTheApplicationClass() {
        NOTHING_DEPENDS_ON_THE_APPLICATION_CLASS.check(CLASSES);
    }

    @Test
    void configurationImportsNoFeaturePackage() {
        CONFIGURATION_IMPORTS_NO_FEATURE.check(CLASSES);
    }

    @Test
    void theWebLayerAsksNoDatabase() {
        WEB_ASKS_NO_DATABASE.check(CLASSES);
    }
}
