package de.lokalebuendnisse.command.survey;

import static de.lokalebuendnisse.command.testing.RefusalMatchers.refusal;
import de.lokalebuendnisse.command.testing.FakeRecordedFacts;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.survey.ActivityDecision;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.AmendSurvey;
import de.lokalebuendnisse.kernel.survey.AnswerScale;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CloseSurveyCampaign;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.OpenSurveyCampaign;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SealCriterion;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SubmitSurvey;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The yearly Bündnisumfrage: evaluation by the rule fixed at opening, who may take part, amendments, closing.
 */
class SurveyCampaignTest {

    private static final CampaignYear YEAR = CampaignYear.of(2024);
    /** The seal valid through 2024; its holders sit out the 2024 campaign. */
    private static final AwardPeriod VALID_SEAL = AwardPeriod.of("2023/24");
    private static final List<SealCriterion> CRITERIA = List.of(
            new SealCriterion("netzwerk", "Breites Netzwerk mit verbindlichen Partnern"),
            new SealCriterion("projekte", "Wirksame Projekte für Familien"),
            new SealCriterion("sichtbarkeit", "Öffentliche Sichtbarkeit"));
    private static final AnswerScale SCALE = new AnswerScale(1, 5);
    private static final BigDecimal THRESHOLD = new BigDecimal("3.00");
    private static final LocalDate OPENS_ON = LocalDate.of(2024, 3, 1);
    private static final LocalDate CLOSES_ON = LocalDate.of(2024, 5, 31);

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final BuendnisId NUERNBERG = BuendnisId.of("nuernberg");
    private static final BuendnisId FUERTH = BuendnisId.of("fuerth");

    private FixtureConfiguration<SurveyCampaign> fixture;
    private FakeRecordedFacts facts;

    @BeforeEach
    void setUp() {
        facts = new FakeRecordedFacts();
        facts.statuses.put(HAMM, BuendnisStatus.ACTIVE);
        facts.statuses.put(NUERNBERG, BuendnisStatus.ACTIVE);
        facts.statuses.put(FUERTH, BuendnisStatus.ACTIVE);
        fixture = new AggregateTestFixture<>(SurveyCampaign.class);
        fixture.registerInjectableResource(facts);
    }

    // opening

    @Test
    void opensCampaignWithCriteriaScaleAndThresholdFixedInTheEvent() {
        fixture.givenNoPriorActivity()
                .when(new OpenSurveyCampaign(YEAR, "Bündnisumfrage 2024", CRITERIA, SCALE, new BigDecimal("3"),
                        OPENS_ON, CLOSES_ON))
                .expectSuccessfulHandlerExecution()
                // the threshold is carried with two decimals, as the campaign compares it
                .expectEvents(opened(THRESHOLD));
    }

    // submission

    @Test
    void acceptsSurveyOfActiveAllianceRecordingLevelThresholdAndParticipationBasis() {
        List<CriterionScore> scores = scores(4, 3, 4);

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveySubmitted(YEAR, HAMM, scores, level("3.67", 11, 3), THRESHOLD, true, true,
                        SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, VALID_SEAL, false)))
                .expectResultMessagePayload(new ActivityDecision(level("3.67", 11, 3), THRESHOLD, true));
    }

    @Test
    void activityLevelIsUnweightedMeanAndSufficientAtThreshold() {
        // 2 + 3 + 4 = 9, mean exactly 3.00 = threshold: every criterion weighs the same, and reaching it suffices
        List<CriterionScore> scores = scores(2, 3, 4);

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores, false, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveySubmitted(YEAR, HAMM, scores, level("3.00", 9, 3), THRESHOLD, true, false,
                        SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, VALID_SEAL, false)))
                .expectResultMessagePayload(new ActivityDecision(level("3.00", 9, 3), THRESHOLD, true));
    }

    @Test
    void activityLevelJustBelowThresholdIsInsufficient() {
        // 2 + 3 + 3 = 8, mean 2.67: one point short of the threshold 3.00
        List<CriterionScore> scores = scores(2, 3, 3);

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveySubmitted(YEAR, HAMM, scores, level("2.67", 8, 3), THRESHOLD, false, true,
                        SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, VALID_SEAL, false)))
                .expectResultMessagePayload(new ActivityDecision(level("2.67", 8, 3), THRESHOLD, false));
    }

    @Test
    void roundedMeanNeverTipsTheDecision() {
        // exact mean 8/3 = 2.666..., shown as 2.67; a threshold of 2.67 is not reached
        BigDecimal threshold = new BigDecimal("2.67");
        List<CriterionScore> scores = scores(2, 3, 3);

        fixture.given(opened(threshold))
                .when(new SubmitSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveySubmitted(YEAR, HAMM, scores, level("2.67", 8, 3), threshold, false, true,
                        SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, VALID_SEAL, false)));
    }

    @Test
    void fractionalThresholdIsReachedByTheExactMean() {
        // exact mean 8/3 = 2.666... reaches a threshold of 2.66
        BigDecimal threshold = new BigDecimal("2.66");

        fixture.given(opened(threshold))
                .when(new SubmitSurvey(YEAR, HAMM, scores(3, 2, 3), true, SubmissionChannel.INTERVIEW))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new ActivityDecision(level("2.67", 8, 3), threshold, true));
    }

    @Test
    void activityLevelRoundsTheShownMeanHalfUp() {
        // 4 + 4 + 5 = 13, exact mean 4.333... shown 4.33; 5 + 5 + 4 = 14, exact 4.666... shown 4.67
        ActivityLevel low = ActivityLevel.of(scores(4, 4, 5));
        ActivityLevel high = ActivityLevel.of(scores(5, 5, 4));

        assertEquals(level("4.33", 13, 3), low);
        assertEquals(level("4.67", 14, 3), high);
        assertTrue(low.reaches(new BigDecimal("4.33")));
        assertFalse(high.reaches(new BigDecimal("4.67")));
    }

    @Test
    void surveyIsEvaluatedByTheRuleOfItsOwnCampaign() {
        // the 2025 campaign: telephone interviews, two criteria on a 0..10 scale, threshold 6.50
        CampaignYear year2025 = CampaignYear.of(2025);
        List<SealCriterion> criteria = List.of(new SealCriterion("vernetzung", "Vernetzung"),
                new SealCriterion("wirkung", "Wirkung"));
        BigDecimal threshold = new BigDecimal("6.50");
        List<CriterionScore> scores = List.of(new CriterionScore("wirkung", 7), new CriterionScore("vernetzung", 6));

        fixture.given(new SurveyCampaignOpened(year2025, "Interviews 2025", criteria, new AnswerScale(0, 10), threshold,
                        LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30)))
                .when(new SubmitSurvey(year2025, HAMM, scores, true, SubmissionChannel.INTERVIEW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveySubmitted(year2025, HAMM, scores, level("6.50", 13, 2), threshold, true, true,
                        SubmissionChannel.INTERVIEW,
                        new ParticipationBasis(BuendnisStatus.ACTIVE, AwardPeriod.of("2024/25"), false)));
    }

    @Test
    void firstCampaignChecksNoSeal() {
        // no seal existed before 2004/05, so the 2004 campaign has no seal period to check
        CampaignYear first = CampaignYear.of(2004);
        facts.failOnSealQuery = true;

        fixture.given(new SurveyCampaignOpened(first, "Umfrage 2004", CRITERIA, SCALE, THRESHOLD,
                        LocalDate.of(2004, 5, 1), LocalDate.of(2004, 6, 30)))
                .when(new SubmitSurvey(first, HAMM, scores(3, 3, 3), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveySubmitted(first, HAMM, scores(3, 3, 3), level("3.00", 9, 3), THRESHOLD, true,
                        true, SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, null, false)));
    }

    @Test
    void cannotSubmitSurveyForUnregisteredAlliance() {
        facts.statuses.remove(HAMM);

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores(3, 3, 3), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "buendnis-registered"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = BuendnisStatus.class, names = {"PAUSED", "DISSOLVED"})
    void cannotSubmitSurveyForPausedBuendnis(BuendnisStatus status) {
        facts.statuses.put(HAMM, status);

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores(3, 3, 3), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "buendnis-active"))
                .expectNoEvents();
    }

    @Test
    void cannotSubmitSurveyWhenHoldingValidSeal() {
        facts.holders(VALID_SEAL, HAMM, NUERNBERG);

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores(3, 3, 3), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "no-valid-seal"))
                .expectNoEvents();
    }

    @Test
    void holderOfAnExpiredSealMaySubmit() {
        // the 2022/23 seal was valid through 2023, not in 2024
        facts.holders(AwardPeriod.of("2022/23"), HAMM);

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores(3, 3, 3), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveySubmitted(YEAR, HAMM, scores(3, 3, 3), level("3.00", 9, 3), THRESHOLD, true,
                        true, SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, VALID_SEAL, false)));
    }

    @Test
    void cannotSubmitToClosedCampaign() {
        fixture.given(opened(THRESHOLD), new SurveyCampaignClosed(YEAR, 0, 0))
                .when(new SubmitSurvey(YEAR, HAMM, scores(3, 3, 3), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "campaign-open"))
                .expectNoEvents();
    }

    @Test
    void cannotAnswerCriteriaTheCampaignDoesNotHave() {
        List<CriterionScore> scores = new ArrayList<>(scores(3, 3, 3));
        scores.add(new CriterionScore("kita-ausbau", 5));

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "known-criteria"))
                .expectNoEvents();
    }

    @Test
    void cannotAnswerACriterionTwice() {
        List<CriterionScore> scores = new ArrayList<>(scores(3, 3, 3));
        scores.add(new CriterionScore("projekte", 5));

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "each-criterion-once"))
                .expectNoEvents();
    }

    @Test
    void cannotLeaveACriterionUnanswered() {
        List<CriterionScore> scores = List.of(new CriterionScore("netzwerk", 5), new CriterionScore("projekte", 5));

        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "every-criterion-answered"))
                .expectNoEvents();
    }

    @Test
    void cannotScoreOutsideTheCampaignScale() {
        // the scale is 1..5, both ends included: 0 and 6 lie outside, 1 and 5 inside
        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores(0, 5, 6), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "score-inside-scale"))
                .expectExceptionMessage(allOf(containsString("netzwerk=0"), containsString("sichtbarkeit=6"),
                        not(containsString("projekte=5"))))
                .expectNoEvents();
    }

    @Test
    void scoresAtBothEndsOfTheScaleAreAccepted() {
        fixture.given(opened(THRESHOLD))
                .when(new SubmitSurvey(YEAR, HAMM, scores(1, 5, 5), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new ActivityDecision(level("3.67", 11, 3), THRESHOLD, true));
    }

    @Test
    void refusedSubmissionListsEveryBrokenRule() {
        facts.statuses.put(HAMM, BuendnisStatus.PAUSED);
        facts.holders(VALID_SEAL, HAMM);
        List<CriterionScore> scores = List.of(new CriterionScore("netzwerk", 9), new CriterionScore("netzwerk", 3),
                new CriterionScore("kita-ausbau", 3));

        fixture.given(opened(THRESHOLD), new SurveyCampaignClosed(YEAR, 0, 0))
                .when(new SubmitSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "campaign-open", "buendnis-active",
                        "no-valid-seal", "known-criteria", "each-criterion-once", "every-criterion-answered",
                        "score-inside-scale"))
                .expectNoEvents();
    }

    @Test
    void refusalOfUnregisteredAllianceListsRegistrationAndEveryOtherBrokenRule() {
        facts.statuses.remove(HAMM);

        fixture.given(opened(THRESHOLD), new SurveyCampaignClosed(YEAR, 0, 0))
                .when(new SubmitSurvey(YEAR, HAMM, scores(3, 3, 7), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "campaign-open", "buendnis-registered",
                        "score-inside-scale"))
                .expectNoEvents();
    }

    @Test
    void resubmittingTheSameSurveyRecordsNothingAndAnswersTheRecordedDecision() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new SubmitSurvey(YEAR, HAMM, scores(2, 3, 3), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityDecision(level("2.67", 8, 3), THRESHOLD, false));
    }

    @Test
    void resubmissionIsRecognisedEvenAfterTheCampaignClosedAndTheAllianceLaterPaused() {
        facts.statuses.put(HAMM, BuendnisStatus.PAUSED);

        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(4, 4, 4), true), new SurveyCampaignClosed(YEAR, 1, 1))
                .when(new SubmitSurvey(YEAR, HAMM, scores(4, 4, 4), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityDecision(level("4.00", 12, 3), THRESHOLD, true));
    }

    @Test
    void secondSubmissionWithOtherAnswersIsRefusedAsConflict() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new SubmitSurvey(YEAR, HAMM, scores(4, 4, 4), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "one-submission-per-alliance"))
                .expectNoEvents();
    }

    @Test
    void secondSubmissionDifferingOnlyInInterestOrChannelIsAConflictToo() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new SubmitSurvey(YEAR, HAMM, scores(2, 3, 3), true, SubmissionChannel.INTERVIEW))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "one-submission-per-alliance"))
                .expectNoEvents();
    }

    @Test
    void resubmittingTheAmendedAnswersRecordsNothing() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true),
                        amended(HAMM, scores(4, 4, 4), false, level("2.67", 8, 3), false))
                .when(new SubmitSurvey(YEAR, HAMM, scores(4, 4, 4), false, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityDecision(level("4.00", 12, 3), THRESHOLD, true));
    }

    // amendment

    @Test
    void amendReplacesSurveyUntilCampaignCloses() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new AmendSurvey(YEAR, HAMM, scores(3, 3, 4), false, SubmissionChannel.INTERVIEW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveyAmended(YEAR, HAMM, scores(3, 3, 4), level("3.33", 10, 3), THRESHOLD, true,
                        false, SubmissionChannel.INTERVIEW, level("2.67", 8, 3), false))
                .expectResultMessagePayload(new ActivityDecision(level("3.33", 10, 3), THRESHOLD, true));
    }

    @Test
    void amendmentReplacesTheLatestAmendment() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true),
                        amended(HAMM, scores(4, 4, 4), true, level("2.67", 8, 3), false))
                .when(new AmendSurvey(YEAR, HAMM, scores(1, 1, 1), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveyAmended(YEAR, HAMM, scores(1, 1, 1), level("1.00", 3, 3), THRESHOLD, false,
                        true, SubmissionChannel.ONLINE, level("4.00", 12, 3), true));
    }

    @Test
    void cannotAmendAfterTheCampaignClosed() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true), new SurveyCampaignClosed(YEAR, 1, 0))
                .when(new AmendSurvey(YEAR, HAMM, scores(3, 3, 4), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "campaign-open"))
                .expectNoEvents();
    }

    @Test
    void cannotAmendWithoutEarlierSubmission() {
        fixture.given(opened(THRESHOLD), submitted(NUERNBERG, scores(2, 3, 3), true))
                .when(new AmendSurvey(YEAR, HAMM, scores(3, 3, 4), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "submitted-before-amend"))
                .expectNoEvents();
    }

    @Test
    void amendmentIsCheckedAgainstTheCampaignCriteriaAndScale() {
        List<CriterionScore> scores = List.of(new CriterionScore("netzwerk", 0), new CriterionScore("netzwerk", 3),
                new CriterionScore("kita-ausbau", 3));

        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new AmendSurvey(YEAR, HAMM, scores, true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "known-criteria", "each-criterion-once",
                        "every-criterion-answered", "score-inside-scale"))
                .expectNoEvents();
    }

    @Test
    void refusedAmendmentListsEveryBrokenRule() {
        fixture.given(opened(THRESHOLD), new SurveyCampaignClosed(YEAR, 0, 0))
                .when(new AmendSurvey(YEAR, HAMM, scores(3, 3, 6), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "campaign-open", "submitted-before-amend",
                        "score-inside-scale"))
                .expectNoEvents();
    }

    @Test
    void amendingWithTheSameAnswersRecordsNothing() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new AmendSurvey(YEAR, HAMM, scores(2, 3, 3), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityDecision(level("2.67", 8, 3), THRESHOLD, false));
    }

    @Test
    void repeatedAmendmentRecordsNothing() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true),
                        amended(HAMM, scores(4, 4, 4), true, level("2.67", 8, 3), false))
                .when(new AmendSurvey(YEAR, HAMM, scores(4, 4, 4), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityDecision(level("4.00", 12, 3), THRESHOLD, true));
    }

    /**
     * Unlike a repeated submission, a repeated amendment is checked against the open campaign first: a retry that
     * arrives after the closing is refused, although its answers are the recorded ones.
     */
    @Test
    void amendmentRetriedAfterTheClosingRecordsNothingAndAnswersAsBefore() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true),
                        amended(HAMM, scores(4, 4, 4), true, level("2.67", 8, 3), false),
                        new SurveyCampaignClosed(YEAR, 1, 1))
                .when(new AmendSurvey(YEAR, HAMM, scores(4, 4, 4), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changedAmendmentAfterTheClosingIsRefused() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true),
                        new SurveyCampaignClosed(YEAR, 1, 0))
                .when(new AmendSurvey(YEAR, HAMM, scores(4, 4, 4), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "campaign-open"))
                .expectNoEvents();
    }

    @Test
    void pausedAllianceCannotAmendItsSurvey() {
        facts.statuses.put(HAMM, BuendnisStatus.PAUSED);
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new AmendSurvey(YEAR, HAMM, scores(4, 4, 4), true, SubmissionChannel.ONLINE))
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.RULE_VIOLATED, "buendnis-active"))
                .expectNoEvents();
    }

    @Test
    void resubmissionWithScoresInAnotherOrderIsARetry() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(2, 3, 3), true))
                .when(new SubmitSurvey(YEAR, HAMM, reversed(scores(2, 3, 3)), true, SubmissionChannel.ONLINE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // closing

    @Test
    void closingCountsSubmissionsAndTheSufficientOnesByTheirLatestAnswers() {
        fixture.given(opened(THRESHOLD),
                        submitted(HAMM, scores(2, 3, 3), true),
                        submitted(NUERNBERG, scores(4, 4, 4), true),
                        submitted(FUERTH, scores(5, 5, 5), false),
                        amended(HAMM, scores(3, 3, 3), true, level("2.67", 8, 3), false),
                        amended(FUERTH, scores(1, 2, 2), false, level("5.00", 15, 3), true))
                .when(new CloseSurveyCampaign(YEAR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveyCampaignClosed(YEAR, 3, 2));
    }

    @Test
    void closesCampaignWithoutSubmissions() {
        fixture.given(opened(THRESHOLD))
                .when(new CloseSurveyCampaign(YEAR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SurveyCampaignClosed(YEAR, 0, 0));
    }

    @Test
    void closingAClosedCampaignRecordsNothing() {
        fixture.given(opened(THRESHOLD), submitted(HAMM, scores(4, 4, 4), true), new SurveyCampaignClosed(YEAR, 1, 1))
                .when(new CloseSurveyCampaign(YEAR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // test data

    private static SurveyCampaignOpened opened(BigDecimal threshold) {
        return new SurveyCampaignOpened(YEAR, "Bündnisumfrage 2024", CRITERIA, SCALE, threshold, OPENS_ON, CLOSES_ON);
    }

    /** Scores for netzwerk, projekte and sichtbarkeit, in that order. */
    private static List<CriterionScore> scores(int netzwerk, int projekte, int sichtbarkeit) {
        return List.of(new CriterionScore("netzwerk", netzwerk), new CriterionScore("projekte", projekte),
                new CriterionScore("sichtbarkeit", sichtbarkeit));
    }

    private static List<CriterionScore> reversed(List<CriterionScore> scores) {
        List<CriterionScore> reversed = new java.util.ArrayList<>(scores);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static ActivityLevel level(String mean, int sum, int count) {
        return new ActivityLevel(new BigDecimal(mean), sum, count);
    }

    private static SurveySubmitted submitted(BuendnisId buendnisId, List<CriterionScore> scores, boolean interest) {
        ActivityLevel level = ActivityLevel.of(scores);
        return new SurveySubmitted(YEAR, buendnisId, scores, level, THRESHOLD, level.reaches(THRESHOLD), interest,
                SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, VALID_SEAL, false));
    }

    private static SurveyAmended amended(BuendnisId buendnisId, List<CriterionScore> scores, boolean interest,
                                         ActivityLevel previous, boolean previouslySufficient) {
        ActivityLevel level = ActivityLevel.of(scores);
        return new SurveyAmended(YEAR, buendnisId, scores, level, THRESHOLD, level.reaches(THRESHOLD), interest,
                SubmissionChannel.ONLINE, previous, previouslySufficient);
    }

}
