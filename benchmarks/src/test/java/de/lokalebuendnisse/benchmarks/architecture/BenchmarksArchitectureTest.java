package de.lokalebuendnisse.benchmarks.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.lokalebuendnisse.benchmarks.commands.PlantedShortcutPastTheApi;
import de.lokalebuendnisse.benchmarks.plantedcyclea.PlantedA;
import de.lokalebuendnisse.benchmarks.plantedcycleb.PlantedB;
import de.lokalebuendnisse.benchmarks.seed.PlantedSeedShortcut;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmarks' boundaries: no package cycle, and the command throughput benchmark and the whole benchmark
 * measure what a caller gets, so they speak HTTP and JSON only and name no class of the system (a shortcut past the
 * API would measure something else); only the raw baselines go past it.
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

    static final ArchRule THE_BENCHMARK_GOES_THROUGH_THE_API = noClasses()
            .that().resideInAnyPackage(ROOT, ROOT + ".seed..", ROOT + ".load..", ROOT + ".deploy..",
                    ROOT + ".report..", ROOT + ".multiply..")
            .should().dependOnClassesThat(resideInAPackage("de.lokalebuendnisse..")
                    .and(resideOutsideOfPackage(ROOT + "..")))
            .because("the whole benchmark seeds and measures as a caller does, over HTTP; only the raw baselines"
                    + " (package baseline) go past the API, on purpose, and the multiplier copies stored rows over"
                    + " JDBC as plain text, knowing no class of the system");

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

        @Test
        void aSeedThatNamesAClassOfTheSystem() {
            assertThatThrownBy(() -> THE_BENCHMARK_GOES_THROUGH_THE_API.check(planted(PlantedSeedShortcut.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("CampaignYear");
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
    void theWholeBenchmarkGoesThroughTheApi() {
        THE_BENCHMARK_GOES_THROUGH_THE_API.check(CLASSES);
    }

    @Test
    void theThroughputBenchmarkGoesThroughTheApi() {
        THROUGHPUT_GOES_THROUGH_THE_API.check(CLASSES);
    }
}
