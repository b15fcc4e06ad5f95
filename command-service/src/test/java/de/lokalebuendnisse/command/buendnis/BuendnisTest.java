package de.lokalebuendnisse.command.buendnis;

import static de.lokalebuendnisse.command.testing.RefusalMatchers.refusal;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.buendnis.AddPartner;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.DissolveBuendnis;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerRemoved;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.buendnis.PauseBuendnis;
import de.lokalebuendnisse.kernel.buendnis.RegisterBuendnis;
import de.lokalebuendnisse.kernel.buendnis.RemovePartner;
import de.lokalebuendnisse.kernel.buendnis.ResumeBuendnis;
import de.lokalebuendnisse.kernel.buendnis.UpdateBuendnisProfile;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.common.Refusal;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Bündnis aggregate: registration, profile, partners and its life cycle (active, paused, dissolved).
 */
class BuendnisTest {

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final PartnerId JOBCENTER = PartnerId.of("jobcenter-hamm");
    private static final LocalDate DISSOLVED_ON = LocalDate.of(2025, 6, 30);

    private FixtureConfiguration<Buendnis> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Buendnis.class);
    }

    // registration

    @Test
    void registersAllianceWithItsProfile() {
        fixture.givenNoPriorActivity()
                .when(new RegisterBuendnis(HAMM, profile()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisRegistered(HAMM, profile()));
    }

    /**
     * The aggregate does not guard a taken identifier: the second stream start is refused by the event store (in the
     * fixture an {@link EventStoreException}; in production the JDBC engine's duplicate key), not by a
     * {@link CommandRefusedException}. A retried registration is therefore not a silent no-op at this level.
     */
    @Test
    void registeringATakenIdentifierIsRefusedByTheEventStore() {
        fixture.given(registered())
                .when(new RegisterBuendnis(HAMM, profile()))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    // profile

    @Test
    void updatesProfileNamingEveryChangedFieldAndKeepingThePreviousOne() {
        BuendnisProfile updated = profile("Lokales Bündnis für Familie Hamm e. V.", OrganisationForm.REGISTERED_ASSOCIATION,
                "https://familie.hamm.de", Set.of(FutureTopic.CHILD_CARE, FutureTopic.LOW_INCOME_FAMILIES));

        fixture.given(registered())
                .when(new UpdateBuendnisProfile(HAMM, updated))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisProfileUpdated(HAMM, updated, profile(),
                        List.of("name", "organisationForm", "website", "futureTopics")));
    }

    @Test
    void profileUpdateComparesWithTheLatestProfile() {
        BuendnisProfile first = profile("Bündnis für Familie Hamm", OrganisationForm.WORKING_GROUP, null,
                Set.of(FutureTopic.CHILD_CARE));
        BuendnisProfile second = profile("Bündnis für Familie Hamm", OrganisationForm.REGISTERED_ASSOCIATION, null,
                Set.of(FutureTopic.CHILD_CARE));

        fixture.given(registered(), new BuendnisProfileUpdated(HAMM, first, profile(), List.of("name")))
                .when(new UpdateBuendnisProfile(HAMM, second))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisProfileUpdated(HAMM, second, first, List.of("organisationForm")));
    }

    @Test
    void unchangedProfileUpdateRecordsNothing() {
        fixture.given(registered())
                .when(new UpdateBuendnisProfile(HAMM, profile()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void pausedAllianceMayStillCorrectItsProfile() {
        BuendnisProfile updated = profile("Bündnis für Familie Hamm", OrganisationForm.WORKING_GROUP, null,
                Set.of(FutureTopic.CHILD_CARE));

        fixture.given(registered(), new BuendnisPaused(HAMM, null))
                .when(new UpdateBuendnisProfile(HAMM, updated))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisProfileUpdated(HAMM, updated, profile(), List.of("name")));
    }

    // partners

    @Test
    void addsPartnerOrganisation() {
        fixture.given(registered())
                .when(new AddPartner(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PartnerAdded(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY));
    }

    @Test
    void addingTheSamePartnerAgainRecordsNothing() {
        fixture.given(registered(), jobcenterAdded())
                .when(new AddPartner(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void partnerIdCannotBeReusedForAnotherName() {
        fixture.given(registered(), jobcenterAdded())
                .when(new AddPartner(HAMM, JOBCENTER, "Agentur für Arbeit Hamm", PartnerType.EMPLOYMENT_AGENCY))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "partner-id-unique"))
                .expectNoEvents();
    }

    @Test
    void partnerIdCannotBeReusedForAnotherType() {
        fixture.given(registered(), jobcenterAdded())
                .when(new AddPartner(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.MUNICIPALITY))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "partner-id-unique"))
                .expectNoEvents();
    }

    @Test
    void removesPartnerRecordingItsNameAndType() {
        fixture.given(registered(), jobcenterAdded())
                .when(new RemovePartner(HAMM, JOBCENTER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PartnerRemoved(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY));
    }

    @Test
    void cannotRemoveUnknownPartner() {
        fixture.given(registered())
                .when(new RemovePartner(HAMM, JOBCENTER))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.NOT_FOUND, "partner-known"))
                .expectNoEvents();
    }

    /** Unlike the other commands, a retried removal is refused, not ignored: the aggregate forgets removed ids. */
    @Test
    void removingAnAlreadyRemovedPartnerAgainIsARetryThatRecordsNothing() {
        fixture.given(registered(), jobcenterAdded(),
                        new PartnerRemoved(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY))
                .when(new RemovePartner(HAMM, JOBCENTER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removedPartnerIdCanBeAddedAgainForAnotherOrganisation() {
        fixture.given(registered(), jobcenterAdded(),
                        new PartnerRemoved(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY))
                .when(new AddPartner(HAMM, JOBCENTER, "Agentur für Arbeit Hamm", PartnerType.EMPLOYMENT_AGENCY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PartnerAdded(HAMM, JOBCENTER, "Agentur für Arbeit Hamm",
                        PartnerType.EMPLOYMENT_AGENCY));
    }

    // pause and resume

    @Test
    void pausesActiveAllianceWithReason() {
        fixture.given(registered())
                .when(new PauseBuendnis(HAMM, "Koordinatorin in Elternzeit"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisPaused(HAMM, "Koordinatorin in Elternzeit"));
    }

    @Test
    void pausingAPausedAllianceRecordsNothing() {
        fixture.given(registered(), new BuendnisPaused(HAMM, "Koordinatorin in Elternzeit"))
                .when(new PauseBuendnis(HAMM, "another reason"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resumesPausedAlliance() {
        fixture.given(registered(), new BuendnisPaused(HAMM, null))
                .when(new ResumeBuendnis(HAMM))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisResumed(HAMM));
    }

    @Test
    void resumingAnActiveAllianceRecordsNothing() {
        fixture.given(registered(), new BuendnisPaused(HAMM, null), new BuendnisResumed(HAMM))
                .when(new ResumeBuendnis(HAMM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resumedAllianceCanBePausedAgain() {
        fixture.given(registered(), new BuendnisPaused(HAMM, null), new BuendnisResumed(HAMM))
                .when(new PauseBuendnis(HAMM, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisPaused(HAMM, null));
    }

    // dissolution

    @Test
    void dissolvesActiveAllianceRecordingItWasActive() {
        fixture.given(registered())
                .when(new DissolveBuendnis(HAMM, DISSOLVED_ON, "Mitgliederversammlung hat Auflösung beschlossen"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisDissolved(HAMM, DISSOLVED_ON, "Mitgliederversammlung hat Auflösung beschlossen",
                        BuendnisStatus.ACTIVE));
    }

    @Test
    void dissolvesPausedAllianceRecordingItWasPaused() {
        fixture.given(registered(), new BuendnisPaused(HAMM, null))
                .when(new DissolveBuendnis(HAMM, DISSOLVED_ON, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuendnisDissolved(HAMM, DISSOLVED_ON, null, BuendnisStatus.PAUSED));
    }

    @Test
    void dissolvingADissolvedAllianceRecordsNothing() {
        fixture.given(registered(), dissolved())
                .when(new DissolveBuendnis(HAMM, DISSOLVED_ON.plusDays(1), "retry with another reason"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changesOfADissolvedAlliance")
    void dissolvedIsFinal(String action, Object command) {
        fixture.given(registered(), jobcenterAdded(), new BuendnisPaused(HAMM, null), dissolved())
                .when(command)
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "dissolved-is-final"))
                .expectNoEvents();
    }

    static Stream<Arguments> changesOfADissolvedAlliance() {
        return Stream.of(
                Arguments.of("update the profile", new UpdateBuendnisProfile(HAMM,
                        profile("Bündnis für Familie Hamm", OrganisationForm.WORKING_GROUP, null, Set.of()))),
                Arguments.of("add a partner", new AddPartner(HAMM, PartnerId.of("ihk"), "IHK zu Dortmund",
                        PartnerType.CHAMBER)),
                Arguments.of("add a known partner again", new AddPartner(HAMM, JOBCENTER, "Jobcenter Hamm",
                        PartnerType.EMPLOYMENT_AGENCY)),
                Arguments.of("remove a partner", new RemovePartner(HAMM, JOBCENTER)),
                Arguments.of("pause", new PauseBuendnis(HAMM, null)),
                Arguments.of("resume", new ResumeBuendnis(HAMM)));
    }

    // test data

    private static BuendnisRegistered registered() {
        return new BuendnisRegistered(HAMM, profile());
    }

    private static PartnerAdded jobcenterAdded() {
        return new PartnerAdded(HAMM, JOBCENTER, "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY);
    }

    private static BuendnisDissolved dissolved() {
        return new BuendnisDissolved(HAMM, DISSOLVED_ON, "aufgelöst", BuendnisStatus.PAUSED);
    }

    private static BuendnisProfile profile() {
        return profile("Lokales Bündnis für Familie Hamm", OrganisationForm.WORKING_GROUP, null,
                Set.of(FutureTopic.CHILD_CARE));
    }

    private static BuendnisProfile profile(String name, OrganisationForm form, String website,
                                           Set<FutureTopic> futureTopics) {
        return new BuendnisProfile(name, MunicipalityKey.of("05915000"), "Hamm", Bundesland.NW, form,
                LocalDate.of(2005, 3, 1), website,
                Set.of(FieldOfAction.WORK_FAMILY_BALANCE, FieldOfAction.CHILD_CARE), futureTopics);
    }

}
