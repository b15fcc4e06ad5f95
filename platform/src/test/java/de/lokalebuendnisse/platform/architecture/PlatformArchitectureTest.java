package de.lokalebuendnisse.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.lokalebuendnisse.command.plantedservice.PlantedServiceClass;
import de.lokalebuendnisse.platform.plantedcyclea.PlantedA;
import de.lokalebuendnisse.platform.plantedcycleb.PlantedB;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform serves both services and knows neither; its packages form no cycle. */
class PlatformArchitectureTest {

    private static final String ROOT = "de.lokalebuendnisse.platform";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching(ROOT + ".(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes each one impossible to understand, test or move alone");

    static final ArchRule KNOWS_NO_SERVICE = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAnyPackage("de.lokalebuendnisse.command..",
                    "de.lokalebuendnisse.query..")
            .because("both services build on the platform; it must not build on either");

    /** Each rule checked against classes planted in the test sources to break it: neither can pass blindly. */
    @Nested
    class EachRuleFailsOnAPlantedViolation {

        private final JavaClasses planted = new ClassFileImporter()
                .importClasses(PlantedA.class, PlantedB.class, PlantedServiceClass.class);

        @Test
        void aCycleBetweenTwoPackages() {
            assertThatThrownBy(() -> PACKAGES_FORM_NO_CYCLE.check(planted))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("plantedcyclea");
        }

        @Test
        void aPlatformClassThatNamesAServiceClass() {
            assertThatThrownBy(() -> KNOWS_NO_SERVICE.check(planted))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedServiceClass");
        }
    }

    @Test
    void packagesFormNoCycle() {
        PACKAGES_FORM_NO_CYCLE.check(CLASSES);
    }

    @Test
    void thePlatformKnowsNoService() {
        KNOWS_NO_SERVICE.check(CLASSES);
    }
}
