package de.lokalebuendnisse.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.lokalebuendnisse.kernel.audit.AuditLedgerEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.containAnyFieldsThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.containAnyMethodsThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.implement;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared kernel holds messages and value objects only: both services and every stored event depend on it,
 * so it must not pull in a framework, and what is stored must stay a versioned, immutable record.
 */
class SharedKernelArchitectureTest {

    private static final String KERNEL = "de.lokalebuendnisse.kernel..";

    /** Production classes only: the deliberate rule breakers below live in the test classes. */
    private static final JavaClasses KERNEL_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("de.lokalebuendnisse.kernel");

    static final ArchRule NO_FRAMEWORK_OR_PERSISTENCE = noClasses()
            .that().resideInAPackage(KERNEL)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..",
                    "com.mongodb..",
                    "org.bson..",
                    "jakarta.persistence..",
                    "javax.persistence..",
                    "com.fasterxml.jackson.databind..")
            .because("both services and every stored event depend on the kernel; it holds messages and values only");

    static final ArchRule ONLY_AXON_MESSAGE_ANNOTATIONS = noClasses()
            .that().resideInAPackage(KERNEL)
            .should().dependOnClassesThat(resideInAPackage("org.axonframework..")
                    .and(not(type(Revision.class)))
                    .and(not(type(TargetAggregateIdentifier.class))))
            .because("messages only name their revision and target aggregate; Axon stays in the services");

    static final ArchRule ONLY_JACKSON_ANNOTATIONS = noClasses()
            .that().resideInAPackage(KERNEL)
            .should().dependOnClassesThat(resideInAPackage("com.fasterxml.jackson..")
                    .and(not(resideInAPackage("com.fasterxml.jackson.annotation.."))))
            .because("the annotations are shared by Jackson 2 (Axon) and Jackson 3 (Spring MVC); nothing else is");

    static final ArchRule EVENTS_ARE_REVISIONED_RECORDS =
            eventsAreRevisionedRecords(BuendnisEvent.class, SurveyCampaignEvent.class, SealAwardEvent.class,
                    AuditLedgerEvent.class);

    static final ArchRule TARGETED_MESSAGES_ARE_RECORDS = classes()
            .that().resideInAPackage(KERNEL)
            .and(containAnyFieldsThat(annotatedWith(TargetAggregateIdentifier.class))
                    .or(containAnyMethodsThat(annotatedWith(TargetAggregateIdentifier.class))))
            .should().beRecords()
            .because("a command is an immutable message; a record has no mutable state to share");

    static final ArchRule ONLY_FINAL_FIELDS = classes()
            .that().resideInAPackage(KERNEL)
            .should().haveOnlyFinalFields()
            .because("messages and value objects travel between threads and services and must not change");

    static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching("de.lokalebuendnisse.kernel.(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes each one impossible to understand, test or move alone");

    private static ArchRule eventsAreRevisionedRecords(Class<?>... eventTypes) {
        return classes()
                .that(Arrays.stream(eventTypes).map(eventType -> implement(eventType))
                        .reduce((one, other) -> one.or(other)).orElseThrow())
                .should().beRecords()
                .andShould().beAnnotatedWith(Revision.class)
                .because("events are stored forever; their stored form names a revision an upcaster can start from");
    }

    @Test
    void kernelPackagesFormNoCycle() {
        PACKAGES_FORM_NO_CYCLE.check(KERNEL_CLASSES);
    }

    @Test
    void kernelDependsOnNoFrameworkOrPersistenceLibrary() {
        NO_FRAMEWORK_OR_PERSISTENCE.check(KERNEL_CLASSES);
    }

    @Test
    void kernelUsesOfAxonOnlyRevisionAndTargetAggregateIdentifier() {
        ONLY_AXON_MESSAGE_ANNOTATIONS.check(KERNEL_CLASSES);
    }

    @Test
    void kernelUsesOfJacksonOnlyTheAnnotations() {
        ONLY_JACKSON_ANNOTATIONS.check(KERNEL_CLASSES);
    }

    @Test
    void everyEventIsARecordWithARevision() {
        EVENTS_ARE_REVISIONED_RECORDS.check(KERNEL_CLASSES);
    }

    @Test
    void everyMessageWithATargetAggregateIdentifierIsARecord() {
        TARGETED_MESSAGES_ARE_RECORDS.check(KERNEL_CLASSES);
    }

    @Test
    void kernelTypesHaveOnlyFinalFields() {
        ONLY_FINAL_FIELDS.check(KERNEL_CLASSES);
    }

    @Test
    void theKernelIsActuallyImported() {
        assertThat(KERNEL_CLASSES.contain(BuendnisEvent.class)).isTrue();
        assertThat(KERNEL_CLASSES.contain(RuleBreakers.CommandAsClass.class))
                .as("test classes are not part of the kernel under test")
                .isFalse();
    }

    /** Each rule fails on a class that breaks it, so none of them can pass by matching nothing. */
    @Nested
    class EachRuleCatchesItsViolation {

        @Test
        void aCycleBetweenTwoPackagesIsCaught() {
            assertThatThrownBy(() -> PACKAGES_FORM_NO_CYCLE.check(new ClassFileImporter()
                    .importClasses(de.lokalebuendnisse.kernel.plantedcyclea.PlantedA.class,
                            de.lokalebuendnisse.kernel.plantedcycleb.PlantedB.class)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("plantedcyclea");
        }

        @Test
        void aDependencyOnJacksonDatabindIsCaught() {
            assertViolation(NO_FRAMEWORK_OR_PERSISTENCE, RuleBreakers.UsesDatabind.class);
            assertViolation(ONLY_JACKSON_ANNOTATIONS, RuleBreakers.UsesDatabind.class);
        }

        @Test
        void aDependencyOnAxonBeyondTheTwoAnnotationsIsCaught() {
            assertViolation(ONLY_AXON_MESSAGE_ANNOTATIONS, RuleBreakers.UsesAxonSerializer.class);
        }

        @Test
        void theTwoAllowedAxonAnnotationsPass() {
            ONLY_AXON_MESSAGE_ANNOTATIONS.check(new ClassFileImporter()
                    .importClasses(RuleBreakers.RevisionedEvent.class, RuleBreakers.TargetedCommand.class));
        }

        @Test
        void anEventThatIsNoRecordOrHasNoRevisionIsCaught() {
            ArchRule rule = eventsAreRevisionedRecords(RuleBreakers.SomeEvent.class);
            assertViolation(rule, RuleBreakers.EventAsClass.class);
            assertViolation(rule, RuleBreakers.EventWithoutRevision.class);
            rule.check(new ClassFileImporter().importClasses(RuleBreakers.RevisionedEvent.class));
        }

        @Test
        void aCommandThatIsNoRecordIsCaught() {
            assertViolation(TARGETED_MESSAGES_ARE_RECORDS, RuleBreakers.CommandAsClass.class);
            TARGETED_MESSAGES_ARE_RECORDS.check(
                    new ClassFileImporter().importClasses(RuleBreakers.TargetedCommand.class));
        }

        @Test
        void aMutableFieldIsCaught() {
            assertViolation(ONLY_FINAL_FIELDS, RuleBreakers.CommandAsClass.class);
        }

        private void assertViolation(ArchRule rule, Class<?> breaker) {
            JavaClasses classes = new ClassFileImporter().importClasses(breaker);
            assertThatThrownBy(() -> rule.check(classes))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(breaker.getSimpleName());
        }
    }

    /** Deliberate rule breakers inside the kernel's package; test classes, so never part of the kernel itself. */
    static final class RuleBreakers {

        static final class UsesDatabind {
            final ObjectMapper mapper = new ObjectMapper();
        }

        static final class UsesAxonSerializer {
            final Serializer serializer = null;
        }

        /** Stands in for the sealed event interfaces, which admit no test implementations. */
        interface SomeEvent {
        }

        static final class EventAsClass implements SomeEvent {
        }

        record EventWithoutRevision(String id) implements SomeEvent {
        }

        @Revision("1")
        record RevisionedEvent(String id) implements SomeEvent {
        }

        record TargetedCommand(@TargetAggregateIdentifier String id) {
        }

        static final class CommandAsClass {
            @TargetAggregateIdentifier
            String id;
        }
    }
}
