package de.lokalebuendnisse.audit.trail.architecture;

import com.mongodb.plantedstandin.MongoStandIn;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.trail.plantedcyclea.PlantedA;
import de.lokalebuendnisse.audit.trail.plantedcycleb.PlantedB;
import de.lokalebuendnisse.command.plantedstandin.ServiceStandIn;
import de.lokalebuendnisse.platform.plantedstandin.PlatformStandIn;
import jakarta.persistence.plantedstandin.JpaStandIn;
import jakarta.servlet.plantedstandin.ServletStandIn;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.plantedstandin.SpringStandIn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail is a library of plain Java and Axon messaging: the command side and the auditors' deployable
 * both build on it, so it knows neither of them, nor the platform, nor any framework or database beyond Axon.
 */
class AuditTrailArchitectureTest {

    private static final String ROOT = "de.lokalebuendnisse.audit.trail";

    /** Production classes only: the planted rule breakers live in the test sources. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching(ROOT + ".(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes each one impossible to understand, test or move alone");

    static final ArchRule NO_FRAMEWORK_OR_PERSISTENCE = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..",
                    "com.mongodb..",
                    "org.bson..",
                    "jakarta.persistence..",
                    "javax.persistence..",
                    "jakarta.servlet..",
                    "javax.servlet..")
            .because("the library is plain Java and Axon messaging; wiring and storage stay in the deployables");

    static final ArchRule KNOWS_NO_SERVICE_OR_PLATFORM = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "de.lokalebuendnisse.command..",
                    "de.lokalebuendnisse.query..",
                    "de.lokalebuendnisse.audit.service..",
                    "de.lokalebuendnisse.platform..")
            .because("the services build on the audit trail, and the platform is Spring; the trail builds on neither");

    @Test
    void packagesFormNoCycle() {
        PACKAGES_FORM_NO_CYCLE.check(CLASSES);
    }

    @Test
    void theTrailDependsOnNoFrameworkOrPersistenceLibrary() {
        NO_FRAMEWORK_OR_PERSISTENCE.check(CLASSES);
    }

    @Test
    void theTrailKnowsNoServiceAndNotThePlatform() {
        KNOWS_NO_SERVICE_OR_PLATFORM.check(CLASSES);
    }

    @Test
    void theTrailIsActuallyImported() {
        assertThat(CLASSES.contain(AuditChain.class)).isTrue();
        assertThat(CLASSES.contain(PlantedA.class)).as("test classes are not part of the trail under test")
                .isFalse();
    }

    /** Each rule checked against classes planted in the test sources to break it: none can pass blindly. */
    @Nested
    class EachRuleFailsOnAPlantedViolation {

        @Test
        void aCycleBetweenTwoPackages() {
            assertThatThrownBy(() -> PACKAGES_FORM_NO_CYCLE.check(new ClassFileImporter()
                    .importClasses(PlantedA.class, PlantedB.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("plantedcyclea");
        }

        @Test
        void aDependencyOnSpringMongoJpaOrTheServletApi() {
            assertViolation(NO_FRAMEWORK_OR_PERSISTENCE, Breakers.UsesSpring.class);
            assertViolation(NO_FRAMEWORK_OR_PERSISTENCE, Breakers.UsesMongo.class);
            assertViolation(NO_FRAMEWORK_OR_PERSISTENCE, Breakers.UsesJpa.class);
            assertViolation(NO_FRAMEWORK_OR_PERSISTENCE, Breakers.UsesServlets.class);
        }

        @Test
        void aDependencyOnAServiceOrThePlatform() {
            assertViolation(KNOWS_NO_SERVICE_OR_PLATFORM, Breakers.UsesAService.class);
            assertViolation(KNOWS_NO_SERVICE_OR_PLATFORM, Breakers.UsesThePlatform.class);
        }

        private void assertViolation(ArchRule rule, Class<?> breaker) {
            JavaClasses classes = new ClassFileImporter().importClasses(breaker);
            assertThatThrownBy(() -> rule.check(classes))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(breaker.getSimpleName());
        }
    }

    /** Deliberate rule breakers inside the trail's package; test classes, so never part of the trail itself. */
    static final class Breakers {

        static final class UsesSpring {
            SpringStandIn bean;
        }

        static final class UsesMongo {
            MongoStandIn client;
        }

        static final class UsesJpa {
            JpaStandIn entity;
        }

        static final class UsesServlets {
            ServletStandIn request;
        }

        static final class UsesAService {
            ServiceStandIn service;
        }

        static final class UsesThePlatform {
            PlatformStandIn positions;
        }
    }
}
