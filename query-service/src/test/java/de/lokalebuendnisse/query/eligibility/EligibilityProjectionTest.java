package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.eligibility.Invitee;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityEntry;
import de.lokalebuendnisse.kernel.eligibility.EligibilityOverview;
import de.lokalebuendnisse.kernel.eligibility.EligibilityRules;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityQuery;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.ScheduledWerkstatt;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
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
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import de.lokalebuendnisse.query.testing.ProcessorBatch;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityProjectionTest {

    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final AwardPeriod PREVIOUS = AwardPeriod.of("2023/24");
    private static final String PERIOD_STREAM = "seal-award:2024/25";
    private static final String SEAL_NAME = "Ausgezeichnetes Bündnis 2024/25";
    private static final AwardCeremony CEREMONY = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");
    private static final BigDecimal THRESHOLD = new BigDecimal("3.00");

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final BuendnisId NUERNBERG = BuendnisId.of("nuernberg");
    private static final BuendnisId BREMEN = BuendnisId.of("bremen");
    private static final BuendnisId KOELN = BuendnisId.of("koeln");

    private static final WerkstattScheduled WEST = new WerkstattScheduled(PERIOD, WerkstattId.of("werkstatt-west-2024"),
            "West (Nordrhein-Westfalen, Rheinland-Pfalz, Saarland)", "Hamm", LocalDate.of(2024, 9, 18),
            WerkstattFormat.IN_PERSON);
    private static final WerkstattScheduled SUED = new WerkstattScheduled(PERIOD, WerkstattId.of("werkstatt-sued-2024"),
            "Metropolregion Nürnberg", "Nürnberg", LocalDate.of(2024, 9, 5), WerkstattFormat.IN_PERSON);

    private final ProjectionHarness harness = new ProjectionHarness();
    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private EligibilityDocuments documents;
    private EligibilityProjection projection;
    private long campaignSequence;

    @BeforeEach
    void projectOnAFreshDatabase() {
        documents = new EligibilityDocuments(harness.database());
        projection = harness.project(new EligibilityProjection(documents, emitter));
    }

    @AfterEach
    void dropTheDatabase() {
        harness.close();
    }

    @Nested
    class EachEventOfThePeriod {

        @Test
        void theOpeningStatesTheRulesSealAndCeremonyOfThePeriod() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);

            EligibilityOverview overview = overview(null, null);
            assertThat(overview.period()).isEqualTo(PERIOD);
            assertThat(overview.sealName()).isEqualTo(SEAL_NAME);
            assertThat(overview.rules()).isEqualTo(new EligibilityRules(CampaignYear.of(2024),
                    GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, PREVIOUS));
            assertThat(overview.ceremony()).isEqualTo(CEREMONY);
            assertThat(overview.ceremonyHeld()).isFalse();
            assertThat(overview.closed()).isFalse();
            assertThat(overview.werkstaetten()).isEmpty();
            assertThat(overview.entries()).isEmpty();
            assertThat(overview.counts()).isEqualTo(new EligibilityCounts(0, 0, 0, 0, 0));
        }

        @Test
        void theOpeningMakesEveryPreviousHolderACandidateThatOnlyMissesAnAttendance() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.criteria().previousSeal().held()).isTrue();
            assertThat(hamm.criteria().previousSeal().previousPeriod()).isEqualTo(PREVIOUS);
            assertThat(hamm.criteria().previousSeal().renewalApplies()).isTrue();
            assertThat(hamm.status()).isEqualTo(EligibilityStatus.MISSING);
            assertThat(criteriaOf(hamm.missing())).containsExactly(GrantCriterion.WERKSTATT_ATTENDED);
            assertThat(harness.database().getCollection(EligibilityDocuments.ENTRIES).find().first().getString("_id"))
                    .isEqualTo("2024/25|hamm");
        }

        @Test
        void scheduledWerkstaettenAreListedByDate() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            schedule(SUED);

            assertThat(overview(null, null).werkstaetten()).containsExactly(
                    new ScheduledWerkstatt(SUED.werkstattId(), SUED.region(), SUED.place(), SUED.date(), SUED.format()),
                    new ScheduledWerkstatt(WEST.werkstattId(), WEST.region(), WEST.place(), WEST.date(), WEST.format()));
        }

        @Test
        void aSurveyOutcomeShowsLevelThresholdYearChannelAndInterest() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            survey(HAMM, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true);

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.criteria().surveySufficient().met()).isTrue();
            assertThat(hamm.criteria().surveySufficient().recorded()).isTrue();
            assertThat(hamm.criteria().surveySufficient().activityLevel()).isEqualTo(new BigDecimal("3.33"));
            assertThat(hamm.criteria().surveySufficient().threshold()).isEqualTo(new BigDecimal("3.00"));
            assertThat(hamm.criteria().surveySufficient().surveyYear()).isEqualTo(CampaignYear.of(2024));
            assertThat(hamm.criteria().surveySufficient().channel()).isEqualTo(SubmissionChannel.ONLINE);
            assertThat(hamm.criteria().projektZukunftInterest().met()).isTrue();
            assertThat(criteriaOf(hamm.missing())).containsExactly(GrantCriterion.WERKSTATT_ATTENDED);
        }

        @Test
        void aNewerSurveyOutcomeReplacesTheEarlierOne() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            survey(HAMM, new ActivityLevel(new BigDecimal("2.33"), 7, 3), true);
            survey(HAMM, new ActivityLevel(new BigDecimal("3.67"), 11, 3), true);

            assertThat(entry(HAMM).criteria().surveySufficient().activityLevel()).isEqualTo(new BigDecimal("3.67"));
            assertThat(entry(HAMM).criteria().surveySufficient().met()).isTrue();
        }

        @Test
        void anAttendanceInPersonShowsTheWerkstattItsPlaceAndDate() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            attend(HAMM, WEST, AttendanceMode.SELF, null);

            var attended = entry(HAMM).criteria().werkstattAttended();
            assertThat(attended.met()).isTrue();
            assertThat(attended.werkstattId()).isEqualTo(WEST.werkstattId());
            assertThat(attended.region()).isEqualTo(WEST.region());
            assertThat(attended.place()).isEqualTo("Hamm");
            assertThat(attended.date()).isEqualTo(LocalDate.of(2024, 9, 18));
            assertThat(attended.format()).isEqualTo(WerkstattFormat.IN_PERSON);
            assertThat(attended.mode()).isEqualTo(AttendanceMode.SELF);
            assertThat(attended.representativeOrganisation()).isNull();
        }

        @Test
        void anAttendanceByRepresentativeShowsTheRepresentativesOrganisation() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            attend(HAMM, WEST, AttendanceMode.REPRESENTATIVE, "Caritasverband Hamm e. V.");

            var attended = entry(HAMM).criteria().werkstattAttended();
            assertThat(attended.met()).isTrue();
            assertThat(attended.mode()).isEqualTo(AttendanceMode.REPRESENTATIVE);
            assertThat(attended.representativeOrganisation()).isEqualTo("Caritasverband Hamm e. V.");
        }

        @Test
        void theFirstAttendanceIsTheOneShownAsEvidence() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            schedule(SUED);
            attend(HAMM, WEST, AttendanceMode.SELF, null);
            attend(HAMM, SUED, AttendanceMode.SELF, null);

            assertThat(entry(HAMM).criteria().werkstattAttended().werkstattId()).isEqualTo(WEST.werkstattId());
        }

        @Test
        void aStandingOtherThanActiveMakesTheAllianceMissBuendnisActiveUntilItIsActiveAgain() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            surveyPathComplete(HAMM);
            standing(HAMM, BuendnisStatus.PAUSED, 7);

            EligibilityEntry paused = entry(HAMM);
            assertThat(paused.status()).isEqualTo(EligibilityStatus.MISSING);
            assertThat(paused.missing()).containsExactly(new MissingCriterion(GrantCriterion.BUENDNIS_ACTIVE,
                    "the alliance is paused and takes part in nothing"));
            assertThat(paused.criteria().buendnisActive().met()).isFalse();
            assertThat(paused.criteria().buendnisActive().status()).isEqualTo(BuendnisStatus.PAUSED);

            standing(HAMM, BuendnisStatus.ACTIVE, 8);
            assertThat(entry(HAMM).status()).isEqualTo(EligibilityStatus.ELIGIBLE);
            assertThat(entry(HAMM).criteria().buendnisActive().met()).isTrue();
        }

        @Test
        void aStandingAloneMakesNoCandidateButCountsOnceTheAllianceBecomesOne() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            standing(KOELN, BuendnisStatus.DISSOLVED, 9);

            assertThat(documents.entry(PERIOD, KOELN)).isEmpty();
            assertThat(overview(null, null).entries()).isEmpty();

            survey(KOELN, new ActivityLevel(new BigDecimal("4.00"), 12, 3), true);
            assertThat(criteriaOf(entry(KOELN).missing()))
                    .containsExactly(GrantCriterion.BUENDNIS_ACTIVE, GrantCriterion.WERKSTATT_ATTENDED);
        }

        @Test
        void aLaterStandingOfThePreviousSealAddsOrRemovesAHolder() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);
            harness.publish(PERIOD_STREAM, new PreviousSealStandingRecorded(PERIOD, BREMEN, PREVIOUS, true));
            harness.publish(PERIOD_STREAM, new PreviousSealStandingRecorded(PERIOD, HAMM, PREVIOUS, false));

            assertThat(entry(BREMEN).criteria().previousSeal().held()).isTrue();
            assertThat(documents.entry(PERIOD, HAMM)).as("no longer a candidate of the period").isEmpty();
            assertThat(overview(null, null).entries()).extracting(EligibilityEntry::buendnisId).containsExactly(BREMEN);
        }

        @Test
        void aGrantMakesTheAllianceGrantedWithItsBasis() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            surveyPathComplete(HAMM);
            EventMessage<?> granted = grant(HAMM, GrantBasis.SURVEY, false);

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.status()).isEqualTo(EligibilityStatus.GRANTED);
            assertThat(hamm.basis()).isEqualTo(GrantBasis.SURVEY);
            assertThat(hamm.missing()).isEmpty();
            assertThat(hamm.grant().basis()).isEqualTo(GrantBasis.SURVEY);
            assertThat(hamm.grant().atCeremony()).isFalse();
            assertThat(hamm.grant().sealName()).isEqualTo(SEAL_NAME);
            assertThat(hamm.grant().ceremony()).isEqualTo(CEREMONY);
            assertThat(hamm.grant().grantedAt()).isEqualTo(granted.getTimestamp());
        }

        @Test
        void theCeremonyIsRecordedForThePeriodAndItsGrantsAreMarkedAsGrantedThere() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            surveyPathComplete(HAMM);
            grant(HAMM, GrantBasis.SURVEY, true);
            harness.publish(PERIOD_STREAM, new AwardCeremonyHeld(PERIOD, CEREMONY, List.of(HAMM)));

            assertThat(overview(null, null).ceremonyHeld()).isTrue();
            assertThat(entry(HAMM).grant().atCeremony()).isTrue();
        }

        @Test
        void aRevocationMakesTheAllianceRevokedAndKeepsItsGrant() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            surveyPathComplete(HAMM);
            grant(HAMM, GrantBasis.SURVEY, true);
            EventMessage<?> revoked = revoke(HAMM, "survey answers proved false");

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.status()).isEqualTo(EligibilityStatus.REVOKED);
            assertThat(hamm.revocation().reason()).isEqualTo("survey answers proved false");
            assertThat(hamm.revocation().revokedAt()).isEqualTo(revoked.getTimestamp());
            assertThat(hamm.grant()).as("the grant stays in the history").isNotNull();
            assertThat(hamm.basis()).isEqualTo(GrantBasis.SURVEY);
            assertThat(hamm.missing()).isEmpty();
            assertThat(overview(null, null).counts()).isEqualTo(new EligibilityCounts(0, 0, 0, 1, 1));
        }

        @Test
        void closingThePeriodLeavesEveryoneNotGrantedMissingAnOpenPeriod() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            surveyPathComplete(HAMM);
            surveyPathComplete(BREMEN);
            grant(BREMEN, GrantBasis.SURVEY, true);
            harness.publish(PERIOD_STREAM, new AwardPeriodClosed(PERIOD, 1, 0));

            assertThat(overview(null, null).closed()).isTrue();
            assertThat(entry(HAMM).status()).isEqualTo(EligibilityStatus.MISSING);
            assertThat(entry(HAMM).missing()).containsExactly(
                    new MissingCriterion(GrantCriterion.PERIOD_OPEN, "the award period is closed"));
            assertThat(entry(BREMEN).status()).isEqualTo(EligibilityStatus.GRANTED);
        }
    }

    @Nested
    class TheGrantRule {

        @Test
        void anActiveAllianceWithASufficientSurveyInterestAndAttendanceIsEligibleThroughTheSurvey() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            surveyPathComplete(HAMM);

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.status()).isEqualTo(EligibilityStatus.ELIGIBLE);
            assertThat(hamm.basis()).isEqualTo(GrantBasis.SURVEY);
            assertThat(hamm.missing()).isEmpty();
            assertThat(hamm.grant()).isNull();
            assertThat(hamm.revocation()).isNull();
        }

        @Test
        void everyMissingCriterionIsListedWithTheReasonTheGrantRuleGives() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            survey(HAMM, new ActivityLevel(new BigDecimal("2.33"), 7, 3), false);

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.status()).isEqualTo(EligibilityStatus.MISSING);
            assertThat(hamm.basis()).isNull();
            assertThat(hamm.missing()).containsExactly(
                    new MissingCriterion(GrantCriterion.SURVEY_SUFFICIENT,
                            "activity level 2.33 is below the threshold 3.00 of the 2024 campaign"),
                    new MissingCriterion(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST,
                            "the alliance did not declare interest in Projekt Zukunft"),
                    new MissingCriterion(GrantCriterion.WERKSTATT_ATTENDED,
                            "no attendance at a Werkstatt of this period is recorded, neither in person nor by representative"));
            assertThat(hamm.criteria().surveySufficient().met()).isFalse();
            assertThat(hamm.criteria().projektZukunftInterest().met()).isFalse();
            assertThat(hamm.criteria().werkstattAttended().met()).isFalse();
        }

        @Test
        void anAllianceThatAttendedWithoutASurveyMissesTheSurveyAndTheInterest() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            attend(BREMEN, WEST, AttendanceMode.SELF, null);

            EligibilityEntry bremen = entry(BREMEN);
            assertThat(bremen.missing()).containsExactly(
                    new MissingCriterion(GrantCriterion.SURVEY_SUFFICIENT,
                            "no survey outcome of the 2024 campaign is recorded"),
                    new MissingCriterion(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST,
                            "no interest in Projekt Zukunft is recorded (it is declared in the survey)"));
            assertThat(bremen.criteria().surveySufficient().recorded()).isFalse();
            assertThat(bremen.criteria().surveySufficient().surveyYear()).isEqualTo(CampaignYear.of(2024));
            assertThat(bremen.criteria().surveySufficient().activityLevel()).isNull();
        }

        @Test
        void aPreviousHolderRenewsByAttendanceWithoutASurveyWhereTheRenewalRuleAllowsIt() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, NUERNBERG);
            schedule(SUED);
            attend(NUERNBERG, SUED, AttendanceMode.REPRESENTATIVE, "Stadt Nürnberg, Amt für Familie");

            EligibilityEntry nuernberg = entry(NUERNBERG);
            assertThat(nuernberg.status()).isEqualTo(EligibilityStatus.ELIGIBLE);
            assertThat(nuernberg.basis()).isEqualTo(GrantBasis.RENEWAL);
            assertThat(nuernberg.criteria().previousSeal().renewalApplies()).isTrue();
            assertThat(nuernberg.criteria().surveySufficient().met()).isFalse();
        }

        @Test
        void aPreviousHolderNeedsTheSurveyLikeEveryoneElseWithoutRenewal() {
            open(RenewalRule.NO_RENEWAL, NUERNBERG);
            schedule(SUED);
            attend(NUERNBERG, SUED, AttendanceMode.SELF, null);

            EligibilityEntry nuernberg = entry(NUERNBERG);
            assertThat(nuernberg.status()).isEqualTo(EligibilityStatus.MISSING);
            assertThat(nuernberg.criteria().previousSeal().held()).isTrue();
            assertThat(nuernberg.criteria().previousSeal().renewalApplies()).isFalse();
            assertThat(criteriaOf(nuernberg.missing()))
                    .containsExactly(GrantCriterion.SURVEY_SUFFICIENT, GrantCriterion.PROJEKT_ZUKUNFT_INTEREST);
        }

        @Test
        void aPausedPreviousHolderMissesOnlyWhatTheRenewalPathNeeds() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, NUERNBERG);
            standing(NUERNBERG, BuendnisStatus.PAUSED, 4);

            assertThat(criteriaOf(entry(NUERNBERG).missing()))
                    .containsExactly(GrantCriterion.BUENDNIS_ACTIVE, GrantCriterion.WERKSTATT_ATTENDED);
        }
    }

    @Nested
    class TheAlliancesProfile {

        @Test
        void aProfileRegisteredBeforeThePeriodGivesTheEntryNamePlaceAndBundesland() {
            register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            survey(HAMM, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true);

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.name()).isEqualTo("Lokales Bündnis für Familie Hamm");
            assertThat(hamm.place()).isEqualTo("Hamm");
            assertThat(hamm.bundesland()).isEqualTo(Bundesland.NW);
        }

        @Test
        void aProfileArrivingAfterThePeriodsEventsIsCopiedIntoTheEntry() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);
            assertThat(entry(HAMM).name()).isNull();

            register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");

            EligibilityEntry hamm = entry(HAMM);
            assertThat(hamm.name()).isEqualTo("Lokales Bündnis für Familie Hamm");
            assertThat(hamm.bundesland()).isEqualTo(Bundesland.NW);
        }

        @Test
        void anUpdatedProfileReplacesNameAndPlaceInEveryPeriod() {
            register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");
            openPrevious(HAMM);
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);
            BuendnisProfile renamed = profile("Familienbündnis Hamm", "Hamm-Mitte", Bundesland.NW, "05915000");
            harness.publish("buendnis:hamm", new BuendnisProfileUpdated(HAMM, renamed,
                    profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000"),
                    List.of("name", "place")));

            for (AwardPeriod period : List.of(PREVIOUS, PERIOD)) {
                EligibilityEntry hamm = documents.entry(period, HAMM).orElseThrow();
                assertThat(hamm.name()).as(period.label()).isEqualTo("Familienbündnis Hamm");
                assertThat(hamm.place()).as(period.label()).isEqualTo("Hamm-Mitte");
            }
        }

        /** The stand-in reads every entry of every period for a find by a field without a unique index. */
        @Test
        void aProfileChangeFindsTheAlliancesEntriesByTheirIdsInsteadOfSearchingEveryEntryForTheAlliance() {
            register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");
            openPrevious(HAMM, BREMEN);
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM, NUERNBERG);

            List<BsonDocument> sent = harness.commandsDuring(() -> harness.publish("buendnis:hamm",
                    new BuendnisProfileUpdated(HAMM, profile("Familienbündnis Hamm", "Hamm", Bundesland.NW, "05915000"),
                            profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000"),
                            List.of("name"))));

            List<BsonDocument> findsOfEntries = sent.stream()
                    .filter(command -> command.containsKey("find")
                            && command.getString("find").getValue().equals(EligibilityDocuments.ENTRIES))
                    .toList();
            assertThat(findsOfEntries).isNotEmpty().allSatisfy(find ->
                    assertThat(find.getDocument("filter").keySet()).containsExactly("_id"));
            assertThat(documents.entry(PREVIOUS, HAMM).orElseThrow().name()).isEqualTo("Familienbündnis Hamm");
            assertThat(entry(HAMM).name()).isEqualTo("Familienbündnis Hamm");
            assertThat(entry(NUERNBERG).name()).as("another alliance's entry").isNull();
        }

        @Test
        void anOlderProfileDeliveredAgainDoesNotReplaceANewerOne() {
            EventMessage<?> registered = register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW,
                    "05915000");
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);
            harness.publish("buendnis:hamm", new BuendnisProfileUpdated(HAMM,
                    profile("Familienbündnis Hamm", "Hamm", Bundesland.NW, "05915000"),
                    profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000"), List.of("name")));

            harness.redeliver(registered);

            assertThat(entry(HAMM).name()).isEqualTo("Familienbündnis Hamm");
        }
    }

    @Nested
    class QueriesAndCounts {

        @BeforeEach
        void aSeasonWithEveryStatus() {
            register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");
            register(KOELN, "Kölner Bündnis für Familien", "Köln", Bundesland.NW, "05315000");
            register(NUERNBERG, "Bündnis für Familie Nürnberg", "Nürnberg", Bundesland.BY, "09564000");
            register(BREMEN, "Bremer Bündnis für Familie", "Bremen", Bundesland.HB, "04011000");
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, NUERNBERG);
            schedule(WEST);
            schedule(SUED);
            surveyPathComplete(HAMM);                                          // eligible, NW
            survey(KOELN, new ActivityLevel(new BigDecimal("2.00"), 6, 3), true); // missing, NW
            attend(NUERNBERG, SUED, AttendanceMode.SELF, null);
            grant(NUERNBERG, GrantBasis.RENEWAL, false);                       // granted, BY
            surveyPathComplete(BREMEN);
            grant(BREMEN, GrantBasis.SURVEY, false);
            revoke(BREMEN, "the alliance dissolved");                          // revoked, HB
        }

        @Test
        void theOverviewCountsEveryStatusAndListsEveryCandidateById() {
            EligibilityOverview overview = overview(null, null);

            assertThat(overview.counts()).isEqualTo(new EligibilityCounts(1, 1, 1, 1, 4));
            assertThat(overview.entries()).extracting(EligibilityEntry::buendnisId)
                    .containsExactly(BREMEN, HAMM, KOELN, NUERNBERG);
            assertThat(overview.entries()).extracting(EligibilityEntry::status).containsExactly(
                    EligibilityStatus.REVOKED, EligibilityStatus.ELIGIBLE, EligibilityStatus.MISSING,
                    EligibilityStatus.GRANTED);
        }

        @Test
        void aStatusFilterListsOnlyThatStatusAndKeepsTheCountsOfAll() {
            EligibilityOverview missing = overview(EligibilityStatus.MISSING, null);

            assertThat(missing.entries()).extracting(EligibilityEntry::buendnisId).containsExactly(KOELN);
            assertThat(missing.counts()).isEqualTo(new EligibilityCounts(1, 1, 1, 1, 4));
        }

        @Test
        void aBundeslandFilterListsAndCountsOnlyThatLand() {
            EligibilityOverview nrw = overview(null, Bundesland.NW);

            assertThat(nrw.entries()).extracting(EligibilityEntry::buendnisId).containsExactly(HAMM, KOELN);
            assertThat(nrw.counts()).isEqualTo(new EligibilityCounts(1, 1, 0, 0, 2));
        }

        @Test
        void bothFiltersCombine() {
            assertThat(overview(EligibilityStatus.ELIGIBLE, Bundesland.NW).entries())
                    .extracting(EligibilityEntry::buendnisId).containsExactly(HAMM);
            assertThat(overview(EligibilityStatus.ELIGIBLE, Bundesland.BY).entries()).isEmpty();
        }

        @Test
        void anUnknownPeriodHasNoOverview() {
            assertThat(documents.overview(new FindEligibilityQuery(AwardPeriod.of("2022/23"), null, null))).isEmpty();
            assertThat(documents.entry(AwardPeriod.of("2022/23"), HAMM)).isEmpty();
        }
    }

    @Nested
    class RedeliveryReplayAndUpdates {

        @Test
        void deliveringEveryEventAgainChangesNoDocument() {
            List<EventMessage<?>> events = wholeSeason();
            Map<String, List<Document>> before = everyDocument();

            events.forEach(harness::redeliver);
            assertThat(everyDocument()).isEqualTo(before);

            List<EventMessage<?>> reversed = new ArrayList<>(events);
            Collections.reverse(reversed);
            reversed.forEach(harness::redeliver);
            assertThat(everyDocument()).as("even in reverse order").isEqualTo(before);
        }

        @Test
        void aRedeliveredPeriodEventFinishesWhatAnInterruptedFirstDeliveryLeftUndone() {
            register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            EventMessage<?> outcome = survey(HAMM, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true);
            forgetCopiedProfile(HAMM);

            harness.redeliver(outcome);

            assertThat(entry(HAMM).name()).isEqualTo("Lokales Bündnis für Familie Hamm");
        }

        @Test
        void aRedeliveredProfileIsCopiedEvenThoughItWasStoredBefore() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);
            EventMessage<?> registered = register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW,
                    "05915000");
            forgetCopiedProfile(HAMM);

            harness.redeliver(registered);

            assertThat(entry(HAMM).bundesland()).isEqualTo(Bundesland.NW);
        }

        @Test
        void theEventsInProcessorBatchesOfAnySizeLeaveWhatTheyLeaveOneByOne() {
            List<EventMessage<?>> events = wholeSeason();
            events.add(register(BREMEN, "Bremer Bündnis für Familie", "Bremen", Bundesland.HB, "04011000"));
            events.add(harness.publish("buendnis:bremen", new BuendnisProfileUpdated(BREMEN,
                    profile("Bremer Bündnis", "Bremen-Mitte", Bundesland.HB, "04011000"),
                    profile("Bremer Bündnis für Familie", "Bremen", Bundesland.HB, "04011000"), List.of("name"))));
            Map<String, List<Document>> oneByOne = everyDocument();

            for (int size : new int[] {events.size(), 2, 3, 5}) {
                harness.reset();
                new ProcessorBatch(projection).deliverInBatchesOf(size, events);
                assertThat(everyDocument()).as("in batches of " + size).isEqualTo(oneByOne);
            }
            assertThat(entry(BREMEN).name()).isEqualTo("Bremer Bündnis");
        }

        @Test
        void aBatchStoresItsProfilesWhenItEndsAndCopiesThemIntoEntriesStoredMeanwhile() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            List<EventMessage<?>> profiles = List.of(
                    ProcessorBatch.tracked("buendnis:hamm", 0, 1000, new BuendnisRegistered(HAMM,
                            profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000"))),
                    ProcessorBatch.tracked("buendnis:koeln", 0, 1001, new BuendnisRegistered(KOELN,
                            profile("Kölner Bündnis für Familien", "Köln", Bundesland.NW, "05315000"))));
            List<EventMessage<?>> handled = new ArrayList<>();

            new ProcessorBatch(projection).deliver(profiles, event -> {
                handled.add(event);
                if (handled.size() == 1) {
                    assertThat(harness.database().getCollection(EligibilityDocuments.PROFILES).countDocuments())
                            .as("nothing stored before the batch ends").isZero();
                    // another segment stores the alliance's entry while the batch still holds its profile
                    inAnotherSegment(() -> survey(HAMM, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true));
                    assertThat(entry(HAMM).name()).isNull();
                }
            });

            assertThat(entry(HAMM).name()).isEqualTo("Lokales Bündnis für Familie Hamm");
            assertThat(entry(HAMM).bundesland()).isEqualTo(Bundesland.NW);
            assertThat(harness.database().getCollection(EligibilityDocuments.PROFILES).countDocuments()).isEqualTo(2);
        }

        @Test
        void ofSeveralProfilesOfOneAllianceInABatchTheNewestIsStoredAndAnOlderOneStoredAgainChangesNothing() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);
            EventMessage<?> registered = ProcessorBatch.tracked("buendnis:hamm", 0, 1000,
                    new BuendnisRegistered(HAMM,
                            profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000")));
            EventMessage<?> renamed = ProcessorBatch.tracked("buendnis:hamm", 1, 1001,
                    new BuendnisProfileUpdated(HAMM,
                            profile("Familienbündnis Hamm", "Hamm", Bundesland.NW, "05915000"),
                            profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000"),
                            List.of("name")));

            new ProcessorBatch(projection).deliver(List.of(registered, renamed));
            assertThat(entry(HAMM).name()).isEqualTo("Familienbündnis Hamm");

            new ProcessorBatch(projection).deliver(List.of(registered));
            assertThat(entry(HAMM).name()).isEqualTo("Familienbündnis Hamm");
            assertThat(harness.database().getCollection(EligibilityDocuments.PROFILES).find().first()
                    .getString("name")).isEqualTo("Familienbündnis Hamm");
        }

        private void inAnotherSegment(Runnable handling) {
            Thread segment = new Thread(handling);
            segment.start();
            try {
                segment.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** As if the process had stopped after storing the facts or the profile, before copying the profile. */
        private void forgetCopiedProfile(BuendnisId buendnisId) {
            harness.database().getCollection(EligibilityDocuments.ENTRIES).updateOne(
                    new Document("_id", EligibilityDocuments.entryId(PERIOD, buendnisId)),
                    new Document("$unset", new Document("name", "").append("place", "").append("bundesland", "")
                            .append("profileSequence", "")));
            assertThat(entry(buendnisId).name()).isNull();
        }

        @Test
        void aResetClearsEveryCollectionOfTheView() {
            wholeSeason();
            assertThat(everyDocument().values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());

            harness.reset();

            assertThat(everyDocument().values()).allSatisfy(documents -> assertThat(documents).isEmpty());
            assertThat(documents.overview(new FindEligibilityQuery(PERIOD, null, null))).isEmpty();
        }

        /** A profile's copy finds the entries through their periods: no entry may outlive its period. */
        @Test
        void aResetRemovesTheEntriesBeforeTheirPeriods() {
            wholeSeason();

            List<String> deletedFrom = harness.commandsDuring(harness::reset).stream()
                    .filter(command -> command.containsKey("delete"))
                    .map(command -> command.getString("delete").getValue())
                    .distinct().toList();

            assertThat(deletedFrom).containsSubsequence(EligibilityDocuments.ENTRIES, EligibilityDocuments.PERIODS);
        }

        @Test
        void aSubscriberOfThePeriodGetsTheOverviewItAskedForAfterEachChange() {
            register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
            schedule(WEST);
            List<EligibilityOverview> eligibleInNrw = subscribe(
                    new FindEligibilityQuery(PERIOD, EligibilityStatus.ELIGIBLE, Bundesland.NW));
            List<EligibilityOverview> otherPeriod = subscribe(
                    new FindEligibilityQuery(AwardPeriod.of("2025/26"), null, null));

            surveyPathComplete(HAMM);

            assertThat(eligibleInNrw).hasSize(2);
            assertThat(eligibleInNrw.get(0).entries()).as("after the survey outcome").isEmpty();
            assertThat(eligibleInNrw.get(0).counts().missing()).isEqualTo(1);
            assertThat(eligibleInNrw.get(1).entries()).extracting(EligibilityEntry::buendnisId).containsExactly(HAMM);
            assertThat(otherPeriod).isEmpty();
        }

        private List<EligibilityOverview> subscribe(FindEligibilityQuery query) {
            UpdateHandlerRegistration<EligibilityOverview> registration = emitter.registerUpdateHandler(
                    new GenericSubscriptionQueryMessage<>(query,
                            ResponseTypes.optionalInstanceOf(EligibilityOverview.class),
                            ResponseTypes.instanceOf(EligibilityOverview.class)), 16);
            List<EligibilityOverview> received = new CopyOnWriteArrayList<>();
            registration.getUpdates().map(Message::getPayload).subscribe(received::add);
            return received;
        }

        /** Every event type of the view, each alliance in another state. */
        private List<EventMessage<?>> wholeSeason() {
            List<EventMessage<?>> events = new ArrayList<>();
            events.add(register(KOELN, "Kölner Bündnis für Familien", "Köln", Bundesland.NW, "05315000"));
            events.add(open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, NUERNBERG, KOELN));
            events.add(schedule(WEST));
            events.add(schedule(SUED));
            events.add(survey(HAMM, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true));
            events.add(survey(HAMM, new ActivityLevel(new BigDecimal("3.67"), 11, 3), true));
            events.add(attend(HAMM, WEST, AttendanceMode.REPRESENTATIVE, "Caritasverband Hamm e. V."));
            events.add(attend(HAMM, SUED, AttendanceMode.SELF, null));
            events.add(attend(NUERNBERG, SUED, AttendanceMode.SELF, null));
            events.add(harness.publish(PERIOD_STREAM,
                    new PreviousSealStandingRecorded(PERIOD, KOELN, PREVIOUS, false)));
            events.add(survey(BREMEN, new ActivityLevel(new BigDecimal("4.00"), 12, 3), true));
            events.add(attend(BREMEN, WEST, AttendanceMode.SELF, null));
            events.add(standing(BREMEN, BuendnisStatus.PAUSED, 5));
            events.add(standing(BREMEN, BuendnisStatus.ACTIVE, 6));
            events.add(grant(HAMM, GrantBasis.SURVEY, true));
            events.add(grant(NUERNBERG, GrantBasis.RENEWAL, true));
            events.add(grant(BREMEN, GrantBasis.SURVEY, true));
            events.add(harness.publish(PERIOD_STREAM, new AwardCeremonyHeld(PERIOD, CEREMONY,
                    List.of(BREMEN, HAMM, NUERNBERG))));
            events.add(revoke(BREMEN, "the alliance dissolved"));
            events.add(harness.publish(PERIOD_STREAM, new AwardPeriodClosed(PERIOD, 3, 1)));
            events.add(register(HAMM, "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000"));
            events.add(harness.publish("buendnis:hamm", new BuendnisProfileUpdated(HAMM,
                    profile("Familienbündnis Hamm", "Hamm", Bundesland.NW, "05915000"),
                    profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000"),
                    List.of("name"))));
            return events;
        }

        private Map<String, List<Document>> everyDocument() {
            Map<String, List<Document>> all = new TreeMap<>();
            for (String collection : List.of(EligibilityDocuments.PERIODS, EligibilityDocuments.ENTRIES,
                    EligibilityDocuments.PROFILES)) {
                all.put(collection, harness.database().getCollection(collection).find()
                        .sort(new Document("_id", 1)).into(new ArrayList<>()));
            }
            return all;
        }
    }

    // ---- the events, as the command side records them

    @Nested
    class Invitations {

        private final List<WerkstattId> west = List.of(WEST.werkstattId());

        @Test
        void theListHoldsTheSurveyQualifiedAndThePreviousHoldersButNotThePausedOrTheUninterested() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM, NUERNBERG);
            survey(BREMEN, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true);
            survey(KOELN, new ActivityLevel(new BigDecimal("3.67"), 11, 3), false);
            standing(NUERNBERG, BuendnisStatus.PAUSED, 3);
            register(BREMEN, "Bremer Bündnis für Familie", "Bremen", Bundesland.HB, "04011000");

            List<Invitee> invitees = documents.invitees(PERIOD);
            assertThat(invitees).extracting(Invitee::buendnisId).containsExactly(BREMEN, HAMM);
            assertThat(invitees.get(0).basis()).isEqualTo(GrantBasis.SURVEY);
            assertThat(invitees.get(0).name()).isEqualTo("Bremer Bündnis für Familie");
            assertThat(invitees.get(0).bundesland()).isEqualTo(Bundesland.HB);
            assertThat(invitees.get(1).basis()).isEqualTo(GrantBasis.RENEWAL);
            assertThat(invitees).allMatch(i -> i.invitedOn() == null && i.primaryContact() == null);
        }

        @Test
        void eachInvitedAllianceShowsWhenAndHowItWasInvitedAndARedeliveryChangesNothing() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM);
            schedule(WEST);
            survey(BREMEN, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true);
            EventMessage<?> sent = harness.publish(PERIOD_STREAM, new InvitationsSent(PERIOD, List.of(BREMEN, HAMM),
                    west, InvitationChannel.EMAIL, LocalDate.of(2024, 8, 30)));
            harness.redeliver(sent);

            assertThat(entry(BREMEN).invitedOn()).isEqualTo(LocalDate.of(2024, 8, 30));
            assertThat(entry(BREMEN).invitationChannel()).isEqualTo(InvitationChannel.EMAIL);
            assertThat(entry(HAMM).invitedOn()).isEqualTo(LocalDate.of(2024, 8, 30));
            assertThat(documents.facts(PERIOD, BREMEN).orElseThrow().invitations()).hasSize(1);
            assertThat(documents.invitees(PERIOD)).extracting(Invitee::invitedOn)
                    .containsExactly(LocalDate.of(2024, 8, 30), LocalDate.of(2024, 8, 30));
        }

        @Test
        void aLaterInvitationIsTheOneShown() {
            open(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, HAMM, NUERNBERG);
            schedule(WEST);
            harness.publish(PERIOD_STREAM, new InvitationsSent(PERIOD, List.of(HAMM), west, InvitationChannel.EMAIL,
                    LocalDate.of(2024, 8, 30)));
            harness.publish(PERIOD_STREAM, new InvitationsSent(PERIOD, List.of(HAMM), west, InvitationChannel.LETTER,
                    LocalDate.of(2024, 9, 2)));

            assertThat(entry(HAMM).invitedOn()).isEqualTo(LocalDate.of(2024, 9, 2));
            assertThat(entry(HAMM).invitationChannel()).isEqualTo(InvitationChannel.LETTER);
            assertThat(entry(NUERNBERG).invitedOn()).as("not invited").isNull();
            assertThat(entry(NUERNBERG).invitationChannel()).isNull();
        }
    }

    private EventMessage<?> open(RenewalRule renewalRule, BuendnisId... previousHolders) {
        return harness.publish(PERIOD_STREAM, new AwardPeriodOpened(PERIOD, CampaignYear.of(2024), SEAL_NAME, CEREMONY,
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, renewalRule, PREVIOUS, List.of(previousHolders)),
                "caller", "servicebuero");
    }

    /** The period before {@link #PERIOD}, in a stream of its own. */
    private EventMessage<?> openPrevious(BuendnisId... previousHolders) {
        return harness.publish("seal-award:" + PREVIOUS.label(), new AwardPeriodOpened(PREVIOUS, CampaignYear.of(2023),
                "Ausgezeichnetes Bündnis 2023/24", CEREMONY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, AwardPeriod.of("2022/23"), List.of(previousHolders)),
                "caller", "servicebuero");
    }

    private EventMessage<?> schedule(WerkstattScheduled werkstatt) {
        return harness.publish(PERIOD_STREAM, werkstatt);
    }

    private EventMessage<?> survey(BuendnisId buendnisId, ActivityLevel level, boolean interest) {
        SurveyOutcome outcome = new SurveyOutcome(CampaignYear.of(2024), level, THRESHOLD, level.reaches(THRESHOLD),
                interest, SubmissionChannel.ONLINE, ++campaignSequence);
        return harness.publish(PERIOD_STREAM, new SurveyOutcomeRecorded(PERIOD, buendnisId, outcome),
                "process", "award-intake");
    }

    private EventMessage<?> attend(BuendnisId buendnisId, WerkstattScheduled werkstatt, AttendanceMode mode,
                                   String representativeOrganisation) {
        return harness.publish(PERIOD_STREAM, new WerkstattAttended(PERIOD, buendnisId, attendance(werkstatt, mode,
                representativeOrganisation)));
    }

    private EventMessage<?> standing(BuendnisId buendnisId, BuendnisStatus status, long sourceSequence) {
        return harness.publish(PERIOD_STREAM, new BuendnisStandingRecorded(PERIOD, buendnisId, status, sourceSequence));
    }

    /** The evidence's details do not matter to the view: it shows the facts the period recorded. */
    private EventMessage<?> grant(BuendnisId buendnisId, GrantBasis basis, boolean atCeremony) {
        GrantEvidence evidence = new GrantEvidence(basis, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, null,
                basis == GrantBasis.RENEWAL ? PREVIOUS : null, BuendnisStatus.ACTIVE);
        return harness.publish(PERIOD_STREAM, new SealGranted(PERIOD, buendnisId, SEAL_NAME, evidence, atCeremony,
                CEREMONY));
    }

    private EventMessage<?> revoke(BuendnisId buendnisId, String reason) {
        return harness.publish(PERIOD_STREAM, new SealRevoked(PERIOD, buendnisId, reason, GrantBasis.SURVEY));
    }

    private void surveyPathComplete(BuendnisId buendnisId) {
        survey(buendnisId, new ActivityLevel(new BigDecimal("3.33"), 10, 3), true);
        attend(buendnisId, WEST, AttendanceMode.SELF, null);
    }

    private EventMessage<?> register(BuendnisId buendnisId, String name, String place, Bundesland land, String ags) {
        return harness.publish("buendnis:" + buendnisId.value(),
                new BuendnisRegistered(buendnisId, profile(name, place, land, ags)));
    }

    private static BuendnisProfile profile(String name, String place, Bundesland land, String ags) {
        return new BuendnisProfile(name, MunicipalityKey.of(ags), place, land, OrganisationForm.WORKING_GROUP,
                LocalDate.of(2005, 3, 15), null, Set.of(FieldOfAction.CHILD_CARE), Set.of());
    }

    private static WerkstattAttendance attendance(WerkstattScheduled werkstatt, AttendanceMode mode,
                                                  String representativeOrganisation) {
        return new WerkstattAttendance(werkstatt.werkstattId(), werkstatt.region(), werkstatt.place(),
                werkstatt.date(), werkstatt.format(), mode, representativeOrganisation);
    }

    // ---- reading the view

    private EligibilityEntry entry(BuendnisId buendnisId) {
        return documents.entry(PERIOD, buendnisId).orElseThrow(
                () -> new AssertionError("no eligibility entry for " + buendnisId.value()));
    }

    private EligibilityOverview overview(EligibilityStatus status, Bundesland land) {
        return documents.overview(new FindEligibilityQuery(PERIOD, status, land)).orElseThrow();
    }

    private static List<GrantCriterion> criteriaOf(List<MissingCriterion> missing) {
        return missing.stream().map(MissingCriterion::criterion).toList();
    }
}
