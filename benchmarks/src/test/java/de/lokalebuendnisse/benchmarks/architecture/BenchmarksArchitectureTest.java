package de.lokalebuendnisse.benchmarks.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.lokalebuendnisse.benchmarks.commands.PlantedShortcutPastTheApi;
import de.lokalebuendnisse.benchmarks.plantedcyclea.PlantedA;
import de.lokalebuendnisse.benchmarks.plantedcycleb.PlantedB;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmarks' boundaries: no package cycle, and the command throughput benchmark measures what a caller gets,
 * so it speaks HTTP and JSON only and names no class of the system (a shortcut past the API would measure
 * something else).
 */
class BenchmarksArchitectureTest {

    private static final String ROOT = "de.lokalebuendnisse.benchmarks";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching(ROOT + ".(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes each one impossible to understand, test or move alone");

    static final ArchRule THROUGHPUT_GOES_THROUGH_THE_API = noClasses()
            .that().resideInAPackage(ROOT + ".commands..")
            .should().dependOnClassesThat(resideInAPackage("de.lokalebuendnisse..")
                    .and(resideOutsideOfPackage(ROOT + ".commands..")))
            .because("the throughput a caller gets is measured over HTTP, as a caller sends commands");

    @Nested
    class EachRuleFailsOnAPlantedViolation {

        @Test
        void aCycleBetweenTwoPackages() {
            assertThatThrownBy(() -> PACKAGES_FORM_NO_CYCLE.check(planted(PlantedA.class, PlantedB.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("plantedcyclea");
        }

        @Test
        void aThroughputClientThatNamesAClassOfTheSystem() {
            assertThatThrownBy(() -> THROUGHPUT_GOES_THROUGH_THE_API.check(planted(PlantedShortcutPastTheApi.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("BuendnisId");
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
    void theThroughputBenchmarkGoesThroughTheApi() {
        THROUGHPUT_GOES_THROUGH_THE_API.check(CLASSES);
    }
}
