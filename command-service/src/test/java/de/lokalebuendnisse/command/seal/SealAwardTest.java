package de.lokalebuendnisse.command.seal;

import static de.lokalebuendnisse.command.testing.RefusalMatchers.refusal;
import de.lokalebuendnisse.command.testing.FakeRecordedFacts;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.CloseAwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.GrantSeal;
import de.lokalebuendnisse.kernel.seal.HoldAwardCeremony;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.seal.RecordInvitationsSent;
import de.lokalebuendnisse.kernel.seal.OpenAwardPeriod;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.RecordBuendnisStanding;
import de.lokalebuendnisse.kernel.seal.RecordPreviousSealStanding;
import de.lokalebuendnisse.kernel.seal.RecordSurveyOutcome;
import de.lokalebuendnisse.kernel.seal.RecordWerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.RevokeSeal;
import de.lokalebuendnisse.kernel.seal.ScheduleWerkstatt;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One award period of the seal "Ausgezeichnetes Bündnis": the facts it records and the grants it decides on them.
 */
class SealAwardTest {

    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final AwardPeriod PREVIOUS = AwardPeriod.of("2023/24");
    private static final CampaignYear SURVEY_YEAR = CampaignYear.of(2024);
    private static final String SEAL_NAME = "Ausgezeichnetes Bündnis 2024/25";
    private static final AwardCeremony CEREMONY = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");
    private static final BigDecimal THRESHOLD = new BigDecimal("3.00");

    private static final WerkstattScheduled WERKSTATT_NUERNBERG = new WerkstattScheduled(PERIOD,
            WerkstattId.of("nuernberg-2024"), "Metropolregion Nürnberg", "Nürnberg", LocalDate.of(2024, 9, 20),
            WerkstattFormat.IN_PERSON);
    private static final WerkstattScheduled WERKSTATT_HAMM = new WerkstattScheduled(PERIOD,
            WerkstattId.of("hamm-2024"), "Nordrhein-Westfalen", "Hamm", LocalDate.of(2024, 10, 10),
            WerkstattFormat.IN_PERSON);

    private static final BuendnisId BAMBERG = BuendnisId.of("bamberg");
    private static final BuendnisId COBURG = BuendnisId.of("coburg");
    private static final BuendnisId DORTMUND = BuendnisId.of("dortmund");
    private static final BuendnisId ERLANGEN = BuendnisId.of("erlangen");
    private static final BuendnisId FUERTH = BuendnisId.of("fuerth");
    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final BuendnisId MUENSTER = BuendnisId.of("muenster");
    private static final BuendnisId NUERNBERG = BuendnisId.of("nuernberg");
    private static final BuendnisId WUERZBURG = BuendnisId.of("wuerzburg");

    private static final SurveyOutcome SUFFICIENT_WITH_INTEREST = outcome(true, true, 5);
    private static final SurveyOutcome SUFFICIENT_WITHOUT_INTEREST = outcome(true, false, 5);
    private static final SurveyOutcome INSUFFICIENT_WITH_INTEREST = outcome(false, true, 5);
    private static final SurveyOutcome INSUFFICIENT_WITHOUT_INTEREST = outcome(false, false, 5);

    private FixtureConfiguration<SealAward> fixture;
    private FakeRecordedFacts facts;

    @BeforeEach
    void setUp() {
        facts = new FakeRecordedFacts();
        fixture = new AggregateTestFixture<>(SealAward.class);
        fixture.registerInjectableResource(facts);
    }

    @Nested
    class Opening {

        @Test
        void opensPeriodStatingItsRulesAndThePreviousHolders() {
            facts.holders(PREVIOUS, NUERNBERG, HAMM);

            fixture.givenNoPriorActivity()
                    .when(new OpenAwardPeriod(PERIOD, SURVEY_YEAR, SEAL_NAME, CEREMONY,
                            RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AwardPeriodOpened(PERIOD, SURVEY_YEAR, SEAL_NAME, CEREMONY,
                            GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, PREVIOUS,
                            List.of(HAMM, NUERNBERG)));
        }

        @Test
        void periodWithoutRenewalStillRecordsWhoHeldThePreviousSeal() {
            facts.holders(PREVIOUS, HAMM);

            fixture.givenNoPriorActivity()
                    .when(new OpenAwardPeriod(PERIOD, SURVEY_YEAR, SEAL_NAME, CEREMONY, RenewalRule.NO_RENEWAL))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AwardPeriodOpened(PERIOD, SURVEY_YEAR, SEAL_NAME, CEREMONY,
                            GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.NO_RENEWAL, PREVIOUS, List.of(HAMM)));
        }

        @Test
        void firstPeriodHasNoPreviousPeriodAndNoPreviousHolders() {
            AwardPeriod first = AwardPeriod.of("2004/05");
            facts.failOnSealQuery = true;

            fixture.givenNoPriorActivity()
                    .when(new OpenAwardPeriod(first, CampaignYear.of(2004), "Erstes Siegel", CEREMONY,
                            RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AwardPeriodOpened(first, CampaignYear.of(2004), "Erstes Siegel", CEREMONY,
                            GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null,
                            List.of()));
        }
    }

    @Nested
    class Werkstaetten {

        @Test
        void schedulesWerkstatt() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .when(schedule(WERKSTATT_NUERNBERG))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(WERKSTATT_NUERNBERG);
        }

        @Test
        void schedulingTheSameWerkstattAgainRecordsNothing() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_NUERNBERG)
                    .when(schedule(WERKSTATT_NUERNBERG))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void werkstattIdCannotBeScheduledAgainWithOtherDetails() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_NUERNBERG)
                    .when(new ScheduleWerkstatt(PERIOD, WERKSTATT_NUERNBERG.werkstattId(), "Metropolregion Nürnberg",
                            "Nürnberg", LocalDate.of(2024, 9, 21), WerkstattFormat.IN_PERSON))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "werkstatt-id-unique"))
                    .expectNoEvents();
        }

        @Test
        void cannotScheduleWerkstattInClosedPeriod() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(schedule(WERKSTATT_HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "period-open"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Attendance {

        @BeforeEach
        void allActive() {
            facts.statuses.put(HAMM, BuendnisStatus.ACTIVE);
        }

        @Test
        void recordsAttendanceInPersonWithTheWerkstattItHappenedAt() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM)
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_HAMM.werkstattId(), HAMM,
                            AttendanceMode.SELF, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WerkstattAttended(PERIOD, HAMM, new WerkstattAttendance(
                            WERKSTATT_HAMM.werkstattId(), "Nordrhein-Westfalen", "Hamm", LocalDate.of(2024, 10, 10),
                            WerkstattFormat.IN_PERSON, AttendanceMode.SELF, null)));
        }

        @Test
        void recordsAttendanceByRepresentativeNamingOnlyTheOrganisation() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM)
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_HAMM.werkstattId(), HAMM,
                            AttendanceMode.REPRESENTATIVE, "Stadt Hamm, Familienbüro"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WerkstattAttended(PERIOD, HAMM,
                            representedAt(WERKSTATT_HAMM, "Stadt Hamm, Familienbüro")));
        }

        @Test
        void recordsAttendanceAtASecondWerkstatt() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM, WERKSTATT_NUERNBERG,
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_NUERNBERG.werkstattId(), HAMM,
                            AttendanceMode.SELF, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(attended(HAMM, selfAt(WERKSTATT_NUERNBERG)));
        }

        @Test
        void recordingTheSameAttendanceAgainRecordsNothing() {
            // a retry: even after the alliance paused meanwhile, the attendance stands and nothing is added
            facts.statuses.put(HAMM, BuendnisStatus.PAUSED);

            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            attended(HAMM, representedAt(WERKSTATT_HAMM, "Stadt Hamm")))
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_HAMM.werkstattId(), HAMM,
                            AttendanceMode.REPRESENTATIVE, "Stadt Hamm"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void sameWerkstattAttendanceWithOtherDetailsIsAConflict() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_HAMM.werkstattId(), HAMM,
                            AttendanceMode.REPRESENTATIVE, "Stadt Hamm"))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "one-attendance-per-werkstatt"))
                    .expectNoEvents();
        }

        @Test
        void cannotAttendAWerkstattThatIsNotScheduled() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM)
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_NUERNBERG.werkstattId(), HAMM,
                            AttendanceMode.SELF, null))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.NOT_FOUND, "werkstatt-scheduled"))
                    .expectNoEvents();
        }

        @Test
        void cannotRecordAttendanceOfUnregisteredAlliance() {
            facts.statuses.remove(HAMM);

            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM)
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_HAMM.werkstattId(), HAMM,
                            AttendanceMode.SELF, null))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "buendnis-registered"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = BuendnisStatus.class, names = {"PAUSED", "DISSOLVED"})
        void pausedAllianceCannotAttendAWerkstatt(BuendnisStatus status) {
            facts.statuses.put(HAMM, status);

            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM)
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_HAMM.werkstattId(), HAMM,
                            AttendanceMode.SELF, null))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "buendnis-active"))
                    .expectNoEvents();
        }

        @Test
        void cannotRecordAttendanceInClosedPeriod() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new RecordWerkstattAttendance(PERIOD, WERKSTATT_HAMM.werkstattId(), HAMM,
                            AttendanceMode.SELF, null))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "period-open"))
                    .expectNoEvents();
        }
    }

    @Nested
    class SurveyOutcomes {

        @Test
        void recordsSurveyOutcome() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .when(new RecordSurveyOutcome(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST));
        }

        @Test
        void surveyOutcomeRedeliveryRecordsNothingTwice() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST))
                    .when(new RecordSurveyOutcome(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void amendedOutcomeReplacesTheRecordedOne() {
            SurveyOutcome amended = outcome(false, true, 9);

            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST))
                    .when(new RecordSurveyOutcome(PERIOD, HAMM, amended))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SurveyOutcomeRecorded(PERIOD, HAMM, amended));
        }

        @Test
        void olderOutcomeIsIgnored() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, outcome(true, true, 9)))
                    .when(new RecordSurveyOutcome(PERIOD, HAMM, outcome(false, false, 5)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotRecordOutcomeOfAnotherCampaignYear() {
            SurveyOutcome of2023 = new SurveyOutcome(CampaignYear.of(2023), level(true), THRESHOLD, true, true,
                    SubmissionChannel.ONLINE, 5);

            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .when(new RecordSurveyOutcome(PERIOD, HAMM, of2023))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "period-survey-year"))
                    .expectNoEvents();
        }

        @Test
        void closedPeriodRecordsNoMoreOutcomes() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new RecordSurveyOutcome(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Standings {

        @Test
        void recordsStandingThatChangesTheStatus() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .when(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.PAUSED, 4))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 4));
        }

        @Test
        void recordsResumptionAfterPause() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 4))
                    .when(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.ACTIVE, 5))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.ACTIVE, 5));
        }

        @Test
        void newerStandingIsRecordedEvenWhenItChangesNothing() {
            // an alliance the period never heard of counts as active; the sequence is still worth remembering
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .when(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.ACTIVE, 2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.ACTIVE, 2));
        }

        @Test
        void olderStandingIsIgnored() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 4),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.DISSOLVED, 6))
                    .when(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.ACTIVE, 5))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void redeliveredStandingRecordsNothing() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 4))
                    .when(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.PAUSED, 4))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        /**
         * The intake process may deliver an alliance's news out of order (e.g. the standing it re-sends when a period
         * opens races with a resumption it forwards from another segment). Newer news is recorded even when it
         * changes nothing, so that older news arriving after it is recognised as older.
         */
        @Test
        void olderStandingIsIgnoredEvenWhenTheNewerOneChangedNothing() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE))
                    .andGivenCommands(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.ACTIVE, 7))
                    .when(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.PAUSED, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void closedPeriodRecordsNoMoreStandings() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.DISSOLVED, 9))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class PreviousSealStandings {

        @Test
        void recordsPreviousSealGrantedAfterTheOpening() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, NUERNBERG))
                    .when(new RecordPreviousSealStanding(PERIOD, HAMM, true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PreviousSealStandingRecorded(PERIOD, HAMM, PREVIOUS, true));
        }

        @Test
        void recordsPreviousSealRevokedAfterTheOpening() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM))
                    .when(new RecordPreviousSealStanding(PERIOD, HAMM, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PreviousSealStandingRecorded(PERIOD, HAMM, PREVIOUS, false));
        }

        @Test
        void previousSealStandingAlreadyKnownRecordsNothing() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM))
                    .when(new RecordPreviousSealStanding(PERIOD, HAMM, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void redeliveredRevocationOfPreviousSealRecordsNothing() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM),
                            new PreviousSealStandingRecorded(PERIOD, HAMM, PREVIOUS, false))
                    .when(new RecordPreviousSealStanding(PERIOD, HAMM, false))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void firstPeriodHasNoPreviousSealToRecord() {
            AwardPeriod first = AwardPeriod.of("2004/05");

            fixture.given(new AwardPeriodOpened(first, CampaignYear.of(2004), "Erstes Siegel", CEREMONY,
                            GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null,
                            List.of()))
                    .when(new RecordPreviousSealStanding(first, HAMM, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void closedPeriodRecordsNoMorePreviousSealStandings() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new RecordPreviousSealStanding(PERIOD, HAMM, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class GrantThroughTheSurvey {

        @Test
        void grantsSealWhenActivityIsSufficientInterestDeclaredAndWerkstattAttended() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                            SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), false));
        }

        @Test
        void grantsSealWhenARepresentativeAttendedAndNamesTheFirstAttendance() {
            WerkstattAttendance represented = representedAt(WERKSTATT_NUERNBERG, "Stadt Nürnberg, Amt für Familie");

            fixture.given(opened(RenewalRule.NO_RENEWAL), WERKSTATT_NUERNBERG, WERKSTATT_HAMM,
                            attended(NUERNBERG, represented), attended(NUERNBERG, selfAt(WERKSTATT_HAMM)),
                            new SurveyOutcomeRecorded(PERIOD, NUERNBERG, SUFFICIENT_WITH_INTEREST))
                    .when(new GrantSeal(PERIOD, NUERNBERG))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(NUERNBERG, surveyEvidence(RenewalRule.NO_RENEWAL, SUFFICIENT_WITH_INTEREST,
                            represented), false));
        }

        @Test
        void grantsOnTheLatestRecordedOutcome() {
            SurveyOutcome amended = outcome(true, true, 8);

            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, INSUFFICIENT_WITHOUT_INTEREST),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, amended),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, amended,
                            selfAt(WERKSTATT_HAMM)), false));
        }

        @Test
        void resumedAllianceCanBeGranted() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 4),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.ACTIVE, 5))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                            SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), false));
        }

        @Test
        void cannotGrantSealWithoutWorkshopAttendance() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.WERKSTATT_ATTENDED))
                    .expectNoEvents();
        }

        @Test
        void cannotGrantSealWithInsufficientActivityLevel() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, INSUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.SURVEY_SUFFICIENT))
                    .expectExceptionMessage(containsString(
                            "activity level 2.33 is below the threshold 3.00 of the 2024 campaign"))
                    .expectNoEvents();
        }

        @Test
        void cannotGrantSealWithoutProjektZukunftInterest() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITHOUT_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST))
                    .expectNoEvents();
        }

        @Test
        void cannotGrantSealWithoutSurveyOutcome() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.SURVEY_SUFFICIENT,
                            GrantCriterion.PROJEKT_ZUKUNFT_INTEREST))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = BuendnisStatus.class, names = {"PAUSED", "DISSOLVED"})
        void pausedAllianceTakesPartInNothing(BuendnisStatus status) {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            new BuendnisStandingRecorded(PERIOD, HAMM, status, 4))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.BUENDNIS_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        void cannotGrantSealInClosedPeriod() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)), new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.PERIOD_OPEN))
                    .expectNoEvents();
        }

        @Test
        void refusedGrantListsEveryMissingCriterion() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 4),
                            new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.PERIOD_OPEN, GrantCriterion.BUENDNIS_ACTIVE,
                            GrantCriterion.SURVEY_SUFFICIENT, GrantCriterion.PROJEKT_ZUKUNFT_INTEREST,
                            GrantCriterion.WERKSTATT_ATTENDED))
                    .expectNoEvents();
        }

        @Test
        void refusedGrantListsInsufficientLevelMissingInterestAndMissingAttendanceTogether() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, INSUFFICIENT_WITHOUT_INTEREST))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.SURVEY_SUFFICIENT,
                            GrantCriterion.PROJEKT_ZUKUNFT_INTEREST, GrantCriterion.WERKSTATT_ATTENDED))
                    .expectNoEvents();
        }

        /** Not a silent retry: a second grant to the holder is refused as a conflict. */
        @Test
        void grantingTheSealAgainIsARetryThatRecordsNothing() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), false))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotGrantAgainAfterRevocationInThePeriod() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), false),
                            new SealRevoked(PERIOD, HAMM, "Angaben der Umfrage erwiesen sich als falsch",
                                    GrantBasis.SURVEY))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.NOT_REVOKED_IN_PERIOD))
                    .expectNoEvents();
        }

        @Test
        void grantAfterTheCeremonyIsRecordedAsNotAtTheCeremony() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new AwardCeremonyHeld(PERIOD, CEREMONY, List.of()),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                            SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), false));
        }
    }

    @Nested
    class GrantByRenewal {

        @Test
        void grantsSealByRenewalToPreviousHolderWhoAttendedWerkstatt() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM), WERKSTATT_HAMM,
                            attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, renewalEvidence(null, selfAt(WERKSTATT_HAMM)), false));
        }

        @Test
        void renewalNeedsNoSufficientSurveyButRecordsTheOneThereIs() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, INSUFFICIENT_WITHOUT_INTEREST),
                            attended(HAMM, representedAt(WERKSTATT_HAMM, "Stadt Hamm")))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, renewalEvidence(INSUFFICIENT_WITHOUT_INTEREST,
                            representedAt(WERKSTATT_HAMM, "Stadt Hamm")), false));
        }

        @Test
        void previousHolderIsToldOnlyWhatRenewalNeeds() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, INSUFFICIENT_WITHOUT_INTEREST))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.WERKSTATT_ATTENDED))
                    .expectNoEvents();
        }

        @Test
        void pausedPreviousHolderCannotRenew() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM),
                            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 4))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.BUENDNIS_ACTIVE, GrantCriterion.WERKSTATT_ATTENDED))
                    .expectNoEvents();
        }

        @Test
        void withoutRenewalRulePreviousHolderNeedsTheSurvey() {
            fixture.given(opened(RenewalRule.NO_RENEWAL, HAMM), WERKSTATT_HAMM, attended(HAMM, selfAt(WERKSTATT_HAMM)))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.SURVEY_SUFFICIENT,
                            GrantCriterion.PROJEKT_ZUKUNFT_INTEREST))
                    .expectNoEvents();
        }

        @Test
        void withoutRenewalRulePreviousHolderEarnsTheSealThroughTheSurvey() {
            fixture.given(opened(RenewalRule.NO_RENEWAL, HAMM), WERKSTATT_HAMM, attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, surveyEvidence(RenewalRule.NO_RENEWAL, SUFFICIENT_WITH_INTEREST,
                            selfAt(WERKSTATT_HAMM)), false));
        }

        @Test
        void allianceWhosePreviousSealWasRevokedAfterTheOpeningNeedsTheSurvey() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM), WERKSTATT_HAMM,
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            new PreviousSealStandingRecorded(PERIOD, HAMM, PREVIOUS, false))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(missing(GrantCriterion.SURVEY_SUFFICIENT,
                            GrantCriterion.PROJEKT_ZUKUNFT_INTEREST))
                    .expectNoEvents();
        }

        @Test
        void allianceGrantedThePreviousSealAfterTheOpeningRenews() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            new PreviousSealStandingRecorded(PERIOD, HAMM, PREVIOUS, true))
                    .when(new GrantSeal(PERIOD, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(granted(HAMM, renewalEvidence(null, selfAt(WERKSTATT_HAMM)), false));
        }
    }

    @Nested
    class Ceremony {

        @Test
        void ceremonyGrantsExactlyTheEligibleAlliances() {
            WerkstattAttendance nuernbergRepresented = representedAt(WERKSTATT_NUERNBERG, "Stadt Nürnberg");
            GrantEvidence hammEvidence = surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM));

            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, DORTMUND, ERLANGEN),
                            WERKSTATT_NUERNBERG, WERKSTATT_HAMM,
                            // eligible through the survey
                            new SurveyOutcomeRecorded(PERIOD, BAMBERG, SUFFICIENT_WITH_INTEREST),
                            attended(BAMBERG, selfAt(WERKSTATT_NUERNBERG)),
                            // no Werkstatt
                            new SurveyOutcomeRecorded(PERIOD, COBURG, SUFFICIENT_WITH_INTEREST),
                            // previous holder who attended: renews
                            attended(DORTMUND, selfAt(WERKSTATT_HAMM)),
                            // ERLANGEN: previous holder who did not attend
                            // paused
                            new SurveyOutcomeRecorded(PERIOD, FUERTH, SUFFICIENT_WITH_INTEREST),
                            attended(FUERTH, selfAt(WERKSTATT_NUERNBERG)),
                            new BuendnisStandingRecorded(PERIOD, FUERTH, BuendnisStatus.PAUSED, 3),
                            // granted before the ceremony
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            granted(HAMM, hammEvidence, false),
                            // granted and revoked
                            new SurveyOutcomeRecorded(PERIOD, MUENSTER, SUFFICIENT_WITH_INTEREST),
                            attended(MUENSTER, selfAt(WERKSTATT_HAMM)),
                            granted(MUENSTER, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), false),
                            new SealRevoked(PERIOD, MUENSTER, "Bündnis aufgelöst", GrantBasis.SURVEY),
                            // eligible, represented
                            new SurveyOutcomeRecorded(PERIOD, NUERNBERG, SUFFICIENT_WITH_INTEREST),
                            attended(NUERNBERG, nuernbergRepresented),
                            // attended, but insufficient
                            new SurveyOutcomeRecorded(PERIOD, WUERZBURG, INSUFFICIENT_WITH_INTEREST),
                            attended(WUERZBURG, selfAt(WERKSTATT_NUERNBERG)))
                    .when(new HoldAwardCeremony(PERIOD))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            granted(BAMBERG, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_NUERNBERG)), true),
                            granted(DORTMUND, renewalEvidence(null, selfAt(WERKSTATT_HAMM)), true),
                            granted(NUERNBERG, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, nuernbergRepresented), true),
                            new AwardCeremonyHeld(PERIOD, CEREMONY, List.of(BAMBERG, DORTMUND, NUERNBERG)))
                    .expectResultMessagePayload(List.of(BAMBERG, DORTMUND, NUERNBERG));
        }

        @Test
        void ceremonyWithoutEligibleAlliancesGrantsNothingButTakesPlace() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, ERLANGEN),
                            new SurveyOutcomeRecorded(PERIOD, COBURG, SUFFICIENT_WITH_INTEREST))
                    .when(new HoldAwardCeremony(PERIOD))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AwardCeremonyHeld(PERIOD, CEREMONY, List.of()))
                    .expectResultMessagePayload(List.of());
        }

        /** Not a silent retry: a second ceremony is refused as a conflict. */
        @Test
        void ceremonyIsHeldOncePerPeriodAndARetryGetsTheSameAnswer() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), true),
                            new AwardCeremonyHeld(PERIOD, CEREMONY, List.of(HAMM)))
                    .when(new HoldAwardCeremony(PERIOD))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of(HAMM))
                    .expectNoEvents();
        }

        @Test
        void cannotHoldCeremonyInClosedPeriod() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new HoldAwardCeremony(PERIOD))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "period-open"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Revocation {

        @Test
        void revokesSealRecordingReasonAndGrantBasis() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM), WERKSTATT_HAMM,
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            granted(HAMM, renewalEvidence(null, selfAt(WERKSTATT_HAMM)), true))
                    .when(new RevokeSeal(PERIOD, HAMM, "Bündnis hat sich aufgelöst"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SealRevoked(PERIOD, HAMM, "Bündnis hat sich aufgelöst", GrantBasis.RENEWAL));
        }

        @Test
        void revocationKeepsTheGrantAndIsIdempotent() {
            // the grant stays in the history (and is counted at closing); a second revocation adds nothing
            fixture.given(grantedAndRevokedHamm())
                    .when(new RevokeSeal(PERIOD, HAMM, "noch einmal, mit anderem Grund"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotRevokeSealThatWasNeverGranted() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM))
                    .when(new RevokeSeal(PERIOD, HAMM, "Irrtum"))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "seal-held"))
                    .expectNoEvents();
        }

        @Test
        void sealCanBeRevokedAfterThePeriodClosed() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                            attended(HAMM, selfAt(WERKSTATT_HAMM)),
                            granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), true),
                            new AwardPeriodClosed(PERIOD, 1, 0))
                    .when(new RevokeSeal(PERIOD, HAMM, "Angaben der Umfrage erwiesen sich als falsch"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SealRevoked(PERIOD, HAMM, "Angaben der Umfrage erwiesen sich als falsch",
                            GrantBasis.SURVEY));
        }
    }

    @Nested
    class Closing {

        @Test
        void closingCountsEveryGrantIncludingRevokedOnesAndTheRevocations() {
            fixture.given(grantedAndRevokedHamm())
                    .andGiven(new SurveyOutcomeRecorded(PERIOD, NUERNBERG, SUFFICIENT_WITH_INTEREST),
                            attended(NUERNBERG, selfAt(WERKSTATT_HAMM)),
                            granted(NUERNBERG, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                    SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), true))
                    .when(new CloseAwardPeriod(PERIOD))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AwardPeriodClosed(PERIOD, 2, 1));
        }

        @Test
        void closingAClosedPeriodRecordsNothing() {
            fixture.given(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), new AwardPeriodClosed(PERIOD, 0, 0))
                    .when(new CloseAwardPeriod(PERIOD))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    /** The eligibility rule on its own, for the criteria a command cannot reach. */
    @Nested
    class Eligibility {

        private final SealEligibility.Rule openRenewing = new SealEligibility.Rule(
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, SURVEY_YEAR, PREVIOUS,
                false);

        @Test
        void alreadyGrantedAllianceIsNotEligibleAgain() {
            // reached by the ceremony, which passes over alliances granted individually before it
            SealEligibility.Decision decision = SealEligibility.decide(openRenewing, new SealEligibility.Facts(
                    BuendnisStatus.ACTIVE, SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM), false, true, false));

            assertFalse(decision.eligible());
            assertEquals(List.of(GrantCriterion.NOT_YET_GRANTED.name()), rules(decision));
        }

        @Test
        void everyCriterionIsListedWhenNothingIsMet() {
            SealEligibility.Rule closed = new SealEligibility.Rule(GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                    RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, SURVEY_YEAR, PREVIOUS, true);

            SealEligibility.Decision decision = SealEligibility.decide(closed, new SealEligibility.Facts(
                    BuendnisStatus.DISSOLVED, null, null, false, true, true));

            assertFalse(decision.eligible());
            assertEquals(List.of("PERIOD_OPEN", "BUENDNIS_ACTIVE", "NOT_YET_GRANTED", "NOT_REVOKED_IN_PERIOD",
                    "SURVEY_SUFFICIENT", "PROJEKT_ZUKUNFT_INTEREST", "WERKSTATT_ATTENDED"), rules(decision));
            assertTrue(decision.missing().stream().allMatch(reason -> "buendnisId".equals(reason.field())));
        }

        @Test
        void previousHolderWhoAlsoMeetsTheSurveyRuleIsGrantedByRenewal() {
            SealEligibility.Decision decision = SealEligibility.decide(openRenewing, new SealEligibility.Facts(
                    BuendnisStatus.ACTIVE, SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM), true, false, false));

            assertTrue(decision.eligible());
            assertEquals(renewalEvidence(SUFFICIENT_WITH_INTEREST, selfAt(WERKSTATT_HAMM)), decision.evidence());
        }

        private List<String> rules(SealEligibility.Decision decision) {
            return decision.missing().stream().map(Refusal.Reason::rule).toList();
        }
    }

    @Nested
    class Invitations {

        // 23:30 UTC on 17 September is already the 18th in Berlin: the day is the office's
        private static final Instant LATE_EVENING = Instant.parse("2024-09-17T23:30:00Z");
        private static final LocalDate SENT_ON = LocalDate.of(2024, 9, 18);
        private static final List<WerkstattId> NUERNBERG_ONLY = List.of(WERKSTATT_NUERNBERG.werkstattId());

        /** Bamberg qualifies by survey, Hamm renews, Coburg lacks interest, Dortmund is insufficient, Erlangen paused. */
        private List<Object> season() {
            return List.of(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM), WERKSTATT_NUERNBERG,
                    WERKSTATT_HAMM,
                    new SurveyOutcomeRecorded(PERIOD, BAMBERG, SUFFICIENT_WITH_INTEREST),
                    new SurveyOutcomeRecorded(PERIOD, COBURG, SUFFICIENT_WITHOUT_INTEREST),
                    new SurveyOutcomeRecorded(PERIOD, DORTMUND, INSUFFICIENT_WITH_INTEREST),
                    new SurveyOutcomeRecorded(PERIOD, ERLANGEN, SUFFICIENT_WITH_INTEREST),
                    new BuendnisStandingRecorded(PERIOD, ERLANGEN, BuendnisStatus.PAUSED, 4));
        }

        private RecordInvitationsSent invite(InvitationChannel channel, List<WerkstattId> werkstaetten,
                                             BuendnisId... alliances) {
            return new RecordInvitationsSent(PERIOD, List.of(alliances), werkstaetten, channel);
        }

        @Test
        void recordsInvitationsOfSurveyQualifiedAndRenewingAlliancesOnTheOfficesDay() {
            fixture.given(season())
                    .andGivenCurrentTime(LATE_EVENING)
                    .when(invite(InvitationChannel.EMAIL, NUERNBERG_ONLY, BAMBERG, HAMM))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of(BAMBERG, HAMM))
                    .expectEvents(new InvitationsSent(PERIOD, List.of(BAMBERG, HAMM), NUERNBERG_ONLY,
                            InvitationChannel.EMAIL, SENT_ON));
        }

        @Test
        void repeatRecordsNothingAndAnswersThatNothingWasRecorded() {
            List<Object> given = new ArrayList<>(season());
            given.add(new InvitationsSent(PERIOD, List.of(BAMBERG, HAMM), NUERNBERG_ONLY, InvitationChannel.EMAIL,
                    SENT_ON));
            fixture.given(given)
                    .when(invite(InvitationChannel.EMAIL, NUERNBERG_ONLY, HAMM, BAMBERG))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of())
                    .expectNoEvents();
        }

        @Test
        void repeatWithAnotherAllianceRecordsOnlyThatOne() {
            List<Object> given = new ArrayList<>(season());
            given.add(new InvitationsSent(PERIOD, List.of(BAMBERG), NUERNBERG_ONLY, InvitationChannel.EMAIL,
                    SENT_ON));
            fixture.given(given)
                    .andGivenCurrentTime(LATE_EVENING)
                    .when(invite(InvitationChannel.EMAIL, NUERNBERG_ONLY, BAMBERG, HAMM))
                    .expectResultMessagePayload(List.of(HAMM))
                    .expectEvents(new InvitationsSent(PERIOD, List.of(HAMM), NUERNBERG_ONLY,
                            InvitationChannel.EMAIL, SENT_ON));
        }

        @Test
        void anotherChannelOrOtherWerkstaettenAreRecordedAgain() {
            List<WerkstattId> both = List.of(WERKSTATT_NUERNBERG.werkstattId(), WERKSTATT_HAMM.werkstattId());
            List<Object> given = new ArrayList<>(season());
            given.add(new InvitationsSent(PERIOD, List.of(BAMBERG), NUERNBERG_ONLY, InvitationChannel.EMAIL,
                    SENT_ON));
            fixture.given(given)
                    .andGivenCurrentTime(LATE_EVENING)
                    .when(invite(InvitationChannel.LETTER, both, BAMBERG))
                    .expectEvents(new InvitationsSent(PERIOD, List.of(BAMBERG), both, InvitationChannel.LETTER,
                            SENT_ON));
        }

        @Test
        void refusesAlliancesNotOnTheListNamingEachOne() {
            fixture.given(season())
                    .when(invite(InvitationChannel.EMAIL, NUERNBERG_ONLY, BAMBERG, COBURG, DORTMUND, ERLANGEN,
                            WUERZBURG))
                    .expectNoEvents()
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "on-invitation-list",
                            "on-invitation-list", "on-invitation-list", "on-invitation-list"));
        }

        @Test
        void refusesAWerkstattThatIsNotScheduledInThePeriod() {
            fixture.given(season())
                    .when(invite(InvitationChannel.PHONE, List.of(WerkstattId.of("kassel-2024")), BAMBERG))
                    .expectNoEvents()
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "werkstatt-scheduled"));
        }

        @Test
        void closedPeriodRefusesAndNamesEveryOtherBrokenRuleToo() {
            List<Object> given = new ArrayList<>(season());
            given.add(new AwardPeriodClosed(PERIOD, 0, 0));
            fixture.given(given)
                    .when(invite(InvitationChannel.EMAIL, List.of(WerkstattId.of("kassel-2024")), DORTMUND))
                    .expectNoEvents()
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "period-open",
                            "on-invitation-list", "werkstatt-scheduled"));
        }

        @Test
        void closedPeriodRefusesEvenARepeat() {
            List<Object> given = new ArrayList<>(season());
            given.add(new InvitationsSent(PERIOD, List.of(BAMBERG), NUERNBERG_ONLY, InvitationChannel.EMAIL,
                    SENT_ON));
            given.add(new AwardPeriodClosed(PERIOD, 0, 0));
            fixture.given(given)
                    .when(invite(InvitationChannel.EMAIL, NUERNBERG_ONLY, BAMBERG))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "period-open"));
        }

        @Test
        void allianceDissolvedAfterItsInvitationIsNoLongerOnTheList() {
            List<Object> given = new ArrayList<>(season());
            given.add(new BuendnisStandingRecorded(PERIOD, BAMBERG, BuendnisStatus.DISSOLVED, 9));
            fixture.given(given)
                    .when(invite(InvitationChannel.EMAIL, NUERNBERG_ONLY, BAMBERG))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "on-invitation-list"));
        }
    }

    // test data

    private static AwardPeriodOpened opened(RenewalRule renewalRule, BuendnisId... previousHolders) {
        return new AwardPeriodOpened(PERIOD, SURVEY_YEAR, SEAL_NAME, CEREMONY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                renewalRule, PREVIOUS, List.of(previousHolders));
    }

    private static ScheduleWerkstatt schedule(WerkstattScheduled werkstatt) {
        return new ScheduleWerkstatt(PERIOD, werkstatt.werkstattId(), werkstatt.region(), werkstatt.place(),
                werkstatt.date(), werkstatt.format());
    }

    private static WerkstattAttendance selfAt(WerkstattScheduled werkstatt) {
        return new WerkstattAttendance(werkstatt.werkstattId(), werkstatt.region(), werkstatt.place(),
                werkstatt.date(), werkstatt.format(), AttendanceMode.SELF, null);
    }

    private static WerkstattAttendance representedAt(WerkstattScheduled werkstatt, String organisation) {
        return new WerkstattAttendance(werkstatt.werkstattId(), werkstatt.region(), werkstatt.place(),
                werkstatt.date(), werkstatt.format(), AttendanceMode.REPRESENTATIVE, organisation);
    }

    private static WerkstattAttended attended(BuendnisId buendnisId, WerkstattAttendance attendance) {
        return new WerkstattAttended(PERIOD, buendnisId, attendance);
    }

    private static ActivityLevel level(boolean sufficient) {
        return sufficient ? new ActivityLevel(new BigDecimal("3.67"), 11, 3)
                : new ActivityLevel(new BigDecimal("2.33"), 7, 3);
    }

    private static SurveyOutcome outcome(boolean sufficient, boolean interest, long campaignSequence) {
        return new SurveyOutcome(SURVEY_YEAR, level(sufficient), THRESHOLD, sufficient, interest,
                SubmissionChannel.ONLINE, campaignSequence);
    }

    private static GrantEvidence surveyEvidence(RenewalRule renewalRule, SurveyOutcome survey,
                                                WerkstattAttendance attendance) {
        return new GrantEvidence(GrantBasis.SURVEY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1, renewalRule, survey,
                attendance, null, BuendnisStatus.ACTIVE);
    }

    private static GrantEvidence renewalEvidence(SurveyOutcome survey, WerkstattAttendance attendance) {
        return new GrantEvidence(GrantBasis.RENEWAL, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, survey, attendance, PREVIOUS, BuendnisStatus.ACTIVE);
    }

    private static SealGranted granted(BuendnisId buendnisId, GrantEvidence evidence, boolean atCeremony) {
        return new SealGranted(PERIOD, buendnisId, SEAL_NAME, evidence, atCeremony, CEREMONY);
    }

    private static List<Object> grantedAndRevokedHamm() {
        return List.of(opened(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE), WERKSTATT_HAMM,
                new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_WITH_INTEREST),
                attended(HAMM, selfAt(WERKSTATT_HAMM)),
                granted(HAMM, surveyEvidence(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, SUFFICIENT_WITH_INTEREST,
                        selfAt(WERKSTATT_HAMM)), false),
                new SealRevoked(PERIOD, HAMM, "Bündnis hat sich aufgelöst", GrantBasis.SURVEY));
    }

    /** A grant refusal: RULE_VIOLATED listing exactly these criteria. */
    private static Matcher<Refusal> missing(GrantCriterion... criteria) {
        return refusal(Refusal.Kind.RULE_VIOLATED, Arrays.stream(criteria).map(Enum::name).toArray(String[]::new));
    }

}
