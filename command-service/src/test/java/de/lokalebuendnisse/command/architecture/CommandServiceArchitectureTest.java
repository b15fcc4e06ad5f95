package de.lokalebuendnisse.command.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.lokalebuendnisse.command.config.PlantedWiringOfAFeature;
import de.lokalebuendnisse.command.plantedcyclea.PlantedA;
import de.lokalebuendnisse.command.plantedcycleb.PlantedB;
import de.lokalebuendnisse.command.seal.PlantedFeatureProcess;
import de.lokalebuendnisse.command.web.PlantedControllerReachingBehindTheGateway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command service's boundaries, as rules that fail the build when crossed: its feature packages form no cycle,
 * wiring does not reach into features, and the web layer only hands commands to the gateway (it touches no
 * aggregate, no event store and no database).
 */
class CommandServiceArchitectureTest {

    private static final String ROOT = "de.lokalebuendnisse.command";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule FEATURES_FORM_NO_CYCLE = slices().matching(ROOT + ".(*)..")
            .should().beFreeOfCycles()
            .because("a cycle between features makes each one impossible to understand, test or move alone");

    static final ArchRule CONFIGURATION_IMPORTS_NO_FEATURE = noClasses()
            .that().resideInAPackage(ROOT + ".config..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".audit..", ROOT + ".buendnis..",
                    ROOT + ".facts..", ROOT + ".idempotency..", ROOT + ".process..", ROOT + ".refusal..",
                    ROOT + ".seal..", ROOT + ".survey..", ROOT + ".web..")
            .because("wiring is shared by every feature; a feature's own wiring lives in the feature");

    static final ArchRule WEB_ONLY_SENDS_COMMANDS = noClasses()
            .that().resideInAPackage(ROOT + ".web..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".buendnis..", ROOT + ".seal..",
                    ROOT + ".survey..", ROOT + ".audit..", ROOT + ".facts..",
                    "org.axonframework.eventsourcing..", "org.axonframework.eventhandling..",
                    "com.mongodb..", "org.bson..", "java.sql..", "javax.sql..")
            .because("a request becomes a command on the gateway; aggregates, stores and processes stay behind it");

    /** Each rule checked against classes planted in the test sources to break it: none of them can pass blindly. */
    @Nested
    class EachRuleFailsOnAPlantedViolation {

        @Test
        void aCycleBetweenTwoPackages() {
            assertThatThrownBy(() -> FEATURES_FORM_NO_CYCLE.check(planted(PlantedA.class, PlantedB.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("plantedcyclea");
        }

        @Test
        void wiringThatNamesAFeatureClass() {
            assertThatThrownBy(() -> CONFIGURATION_IMPORTS_NO_FEATURE.check(
                    planted(PlantedWiringOfAFeature.class, PlantedFeatureProcess.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedWiringOfAFeature");
        }

        @Test
        void aControllerThatUsesTheDatabaseAndAProcess() {
            assertThatThrownBy(() -> WEB_ONLY_SENDS_COMMANDS.check(
                    planted(PlantedControllerReachingBehindTheGateway.class, PlantedFeatureProcess.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("MongoDatabase")
                    .hasMessageContaining("PlantedFeatureProcess");
        }

        private JavaClasses planted(Class<?>... classes) {
            return new ClassFileImporter().importClasses(classes);
        }
    }

    @Test
    void featurePackagesFormNoCycle() {
        FEATURES_FORM_NO_CYCLE.check(CLASSES);
    }

    @Test
    void configurationImportsNoFeaturePackage() {
        CONFIGURATION_IMPORTS_NO_FEATURE.check(CLASSES);
    }

    @Test
    void theWebLayerOnlySendsCommandsThroughTheGateway() {
        WEB_ONLY_SENDS_COMMANDS.check(CLASSES);
    }
}
