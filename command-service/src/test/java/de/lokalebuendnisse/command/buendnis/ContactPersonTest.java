package de.lokalebuendnisse.command.buendnis;

import de.lokalebuendnisse.platform.personal.InMemoryPersonKeys;
import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.buendnis.AddContactPerson;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.ChangeContactPerson;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.ErasePersonalData;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.buendnis.RemoveContactPerson;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.ErasureBasis;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static de.lokalebuendnisse.command.testing.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bündnis aggregate's contact persons: details only ever recorded sealed, one primary contact, erasure by
 * deleting the person's key after the erasure is recorded. Real AES-GCM throughout.
 */
class ContactPersonTest {

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final PersonId ANNA = PersonId.of("anna");
    private static final PersonId BERT = PersonId.of("bert");
    private static final ContactDetails ANNA_DETAILS = new ContactDetails("Anna Canary-Schmidt",
            ContactFunction.KOORDINATION, Engagement.PROFESSIONAL, "anna.canary@example.org", "+49 2381 17-4711",
            null);
    private static final ContactDetails ANNA_MOVED = new ContactDetails("Anna Canary-Schmidt",
            ContactFunction.SPRECHERIN, Engagement.VOLUNTEER, null, "02381 999 000", "en");
    private static final ContactDetails BERT_DETAILS = new ContactDetails("Bert Beispiel",
            ContactFunction.STELLVERTRETUNG, Engagement.VOLUNTEER, "bert@example.org", null, "de");

    private final InMemoryPersonKeys keys = new InMemoryPersonKeys();
    private final PersonalDataCipher cipher = new PersonalDataCipher(keys);
    private FixtureConfiguration<Buendnis> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Buendnis.class);
        fixture.registerInjectableResource(cipher);
        fixture.registerInjectableResource(keys);
    }

    // adding

    @Test
    void addsAContactPersonWithTheDetailsSealedUnderTheirOwnKey() {
        fixture.given(registered())
                .when(new AddContactPerson(HAMM, ANNA, ANNA_DETAILS, true))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(ContactPersonAdded.class, event -> event.personId().equals(ANNA)
                        && event.primary() && opensTo(ANNA, event.data(), ANNA_DETAILS)));
        assertThat(keys.find(ANNA)).isPresent();
    }

    @Test
    void aSecondContactWhoIsNotPrimaryJoinsBesideThePrimaryOne() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true))
                .when(new AddContactPerson(HAMM, BERT, BERT_DETAILS, false))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(ContactPersonAdded.class,
                        event -> event.personId().equals(BERT) && !event.primary()));
    }

    @Test
    void aKnownPersonIdCannotBeAddedAgain() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, false))
                .when(new AddContactPerson(HAMM, ANNA, ANNA_DETAILS, false))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "person-new"))
                .expectNoEvents();
    }

    @Test
    void anErasedPersonIdIsNeverAddedAgain() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, false), erased(ANNA))
                .when(new AddContactPerson(HAMM, ANNA, ANNA_DETAILS, false))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "person-new"))
                .expectNoEvents();
    }

    @Test
    void aSecondPrimaryContactIsRefused() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true))
                .when(new AddContactPerson(HAMM, BERT, BERT_DETAILS, true))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "one-primary"))
                .expectNoEvents();
        assertThat(keys.find(BERT)).as("a refused add seals nothing").isEmpty();
    }

    @Test
    void aDissolvedAllianceTakesNoContactAndEveryBrokenRuleIsNamed() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true), dissolved())
                .when(new AddContactPerson(HAMM, ANNA, ANNA_DETAILS, true))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "dissolved-is-final", "person-new"))
                .expectNoEvents();
    }

    @Test
    void aDissolvedAllianceRefusesASecondPrimaryNamingBothRules() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true), dissolved())
                .when(new AddContactPerson(HAMM, BERT, BERT_DETAILS, true))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "dissolved-is-final", "one-primary"))
                .expectNoEvents();
    }

    // changing

    @Test
    void changesAContactSealingTheNewDetailsAnew() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, false))
                .when(new ChangeContactPerson(HAMM, ANNA, ANNA_MOVED, true))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(ContactPersonChanged.class, event -> event.personId().equals(ANNA)
                        && event.primary() && opensTo(ANNA, event.data(), ANNA_MOVED)));
    }

    @Test
    void thePrimaryContactMayStayPrimaryWhenChanged() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true), added(BERT, BERT_DETAILS, false))
                .when(new ChangeContactPerson(HAMM, ANNA, ANNA_MOVED, true))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(ContactPersonChanged.class, ContactPersonChanged::primary));
    }

    @Test
    void makingASecondContactPrimaryIsRefusedUntilTheFirstIsNoLonger() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true), added(BERT, BERT_DETAILS, false))
                .when(new ChangeContactPerson(HAMM, BERT, BERT_DETAILS, true))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "one-primary"))
                .expectNoEvents();
    }

    @Test
    void aPrimaryContactWhoWasRemovedLeavesTheRoleFree() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true), added(BERT, BERT_DETAILS, false),
                        new ContactPersonRemoved(HAMM, ANNA))
                .when(new ChangeContactPerson(HAMM, BERT, BERT_DETAILS, true))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(ContactPersonChanged.class, ContactPersonChanged::primary));
    }

    @Test
    void changingAnUnknownPersonIsRefusedAsNotFound() {
        fixture.given(registered())
                .when(new ChangeContactPerson(HAMM, ANNA, ANNA_DETAILS, false))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.NOT_FOUND, "person-known"))
                .expectNoEvents();
    }

    @Test
    void anErasedPersonCannotBeChangedSoNoNewKeyBringsThemBack() {
        ContactPersonAdded annaAdded = added(ANNA, ANNA_DETAILS, false);
        keys.delete(ANNA); // as the erasure did
        fixture.given(registered(), annaAdded, erased(ANNA))
                .when(new ChangeContactPerson(HAMM, ANNA, ANNA_DETAILS, false))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.NOT_FOUND, "person-known"))
                .expectNoEvents();
        assertThat(keys.find(ANNA)).isEmpty();
    }

    @Test
    void changingOnADissolvedAllianceNamesEveryBrokenRule() {
        fixture.given(registered(), dissolved())
                .when(new ChangeContactPerson(HAMM, ANNA, ANNA_DETAILS, false))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "dissolved-is-final", "person-known"))
                .expectNoEvents();
    }

    // removing

    @Test
    void removesAContactKeepingTheKey() {
        keys.findOrCreate(ANNA);
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true))
                .when(new RemoveContactPerson(HAMM, ANNA))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContactPersonRemoved(HAMM, ANNA));
        assertThat(keys.find(ANNA)).as("removal is no erasure").isPresent();
    }

    @Test
    void removingAnUnknownPersonIsRefusedAsNotFound() {
        fixture.given(registered())
                .when(new RemoveContactPerson(HAMM, ANNA))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.NOT_FOUND, "person-known"))
                .expectNoEvents();
    }

    @Test
    void removingARemovedContactAgainIsARetryThatRecordsNothing() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, false), new ContactPersonRemoved(HAMM, ANNA))
                .when(new RemoveContactPerson(HAMM, ANNA))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // erasing

    @Test
    void erasureIsRecordedAndThenThePersonsKeyIsDeleted() {
        keys.findOrCreate(ANNA);
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true))
                .when(new ErasePersonalData(HAMM, ANNA, ErasureBasis.ART_17_1_B, "Einwilligung widerrufen"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PersonalDataErased(HAMM, ANNA, "ART_17_1_B", "Einwilligung widerrufen"));
        assertThat(keys.find(ANNA)).isEmpty();
    }

    /** The key goes only once the erasure is committed: an append that fails leaves the data readable. */
    @Test
    void anErasureThatIsNotCommittedLeavesTheKey() {
        keys.findOrCreate(ANNA);
        fixture.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
            chain.proceed();
            throw new IllegalStateException("the append failed");
        });
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true))
                .when(new ErasePersonalData(HAMM, ANNA, ErasureBasis.ART_17_1_B, null))
                .expectException(IllegalStateException.class);
        assertThat(keys.find(ANNA)).isPresent();
    }

    @Test
    void aRemovedContactAndADissolvedAllianceCanStillBeErased() {
        keys.findOrCreate(ANNA);
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, false), new ContactPersonRemoved(HAMM, ANNA),
                        dissolved())
                .when(new ErasePersonalData(HAMM, ANNA, ErasureBasis.ART_17_1_A, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PersonalDataErased(HAMM, ANNA, "ART_17_1_A", null));
        assertThat(keys.find(ANNA)).isEmpty();
    }

    @Test
    void erasingTwiceRecordsNothingTheSecondTimeButDeletesAKeyLeftOver() {
        keys.findOrCreate(ANNA); // as if the first erasure's key deletion had failed after its commit
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, false), erased(ANNA))
                .when(new ErasePersonalData(HAMM, ANNA, ErasureBasis.ART_17_1_A, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(keys.find(ANNA)).isEmpty();
    }

    @Test
    void erasingAPersonTheAllianceNeverHadIsRefusedAsNotFound() {
        fixture.given(registered())
                .when(new ErasePersonalData(HAMM, ANNA, ErasureBasis.ART_17_1_A, null))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.NOT_FOUND, "person-known"))
                .expectNoEvents();
    }

    @Test
    void anErasedPrimaryContactLeavesTheRoleFree() {
        fixture.given(registered(), added(ANNA, ANNA_DETAILS, true), erased(ANNA))
                .when(new AddContactPerson(HAMM, BERT, BERT_DETAILS, true))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(ContactPersonAdded.class, ContactPersonAdded::primary));
    }

    // what is stored

    /** The stored form, written by the events' serializer as the event store gets it, holds none of the details. */
    @Test
    void theStoredEventHoldsNoneOfThePlaintext() {
        SealedPersonalData sealed = cipher.seal(ANNA, ANNA_DETAILS);
        Serializer serializer = JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(getClass().getClassLoader()))
                .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
                .build();

        String stored = serializer.serialize(new ContactPersonAdded(HAMM, ANNA, sealed, true), String.class)
                .getData();

        assertThat(stored).contains("\"algorithm\":\"AES-256-GCM\"").contains("\"personId\":\"anna\"")
                .doesNotContain("Canary").doesNotContain("anna.canary@example.org").doesNotContain("4711")
                .doesNotContain("KOORDINATION");
        ContactPersonAdded read = serializer.deserialize(serializer.serialize(
                new ContactPersonAdded(HAMM, ANNA, sealed, true), String.class));
        assertThat(cipher.open(ANNA, read.data())).contains(ANNA_DETAILS);
    }

    private boolean opensTo(PersonId person, SealedPersonalData data, ContactDetails expected) {
        return cipher.open(person, data).filter(expected::equals).isPresent();
    }

    /** Exactly one event of the type, satisfying the check. */
    private static <T> Matcher<List<EventMessage<?>>> onlyEvent(Class<T> type, Predicate<T> check) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events, Description mismatch) {
                if (events.size() == 1 && type.isInstance(events.get(0).getPayload())
                        && check.test(type.cast(events.get(0).getPayload()))) {
                    return true;
                }
                mismatch.appendText("was ").appendValue(events.stream().map(EventMessage::getPayload).toList());
                return false;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("exactly one " + type.getSimpleName() + " as expected");
            }
        };
    }

    private ContactPersonAdded added(PersonId person, ContactDetails details, boolean primary) {
        return new ContactPersonAdded(HAMM, person, cipher.seal(person, details), primary);
    }

    private static PersonalDataErased erased(PersonId person) {
        return new PersonalDataErased(HAMM, person, "ART_17_1_A", null);
    }

    private static BuendnisRegistered registered() {
        return new BuendnisRegistered(HAMM, new BuendnisProfile("Lokales Bündnis für Familie Hamm",
                MunicipalityKey.of("05915000"), "Hamm", Bundesland.NW, OrganisationForm.WORKING_GROUP,
                LocalDate.of(2005, 3, 1), null, Set.of(FieldOfAction.CHILD_CARE), Set.of()));
    }

    private static BuendnisDissolved dissolved() {
        return new BuendnisDissolved(HAMM, LocalDate.of(2025, 6, 30), "aufgelöst", BuendnisStatus.ACTIVE);
    }
}
