package de.lokalebuendnisse.command.survey;

import de.lokalebuendnisse.command.testing.FakeRecordedFacts;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.AnswerScale;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.ImportSurveyAnswers;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SealCriterion;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveyAnswersImported;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveyImportMapping;
import de.lokalebuendnisse.kernel.survey.SurveyImportReport;
import de.lokalebuendnisse.kernel.survey.SurveyImportReport.Outcome;
import de.lokalebuendnisse.kernel.survey.SurveyImportRow;
import de.lokalebuendnisse.kernel.survey.SurveyImportSource;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An import decided by the campaign as one unit: every row outcome and every refusal (the same rules as a single
 * submission), the dry run that records nothing, the repeat that records nothing, the corrected row that becomes an
 * amendment, the closed campaign.
 */
class SurveyImportDecisionTest {

    private static final CampaignYear YEAR = CampaignYear.of(2024);
    private static final AwardPeriod VALID_SEAL = AwardPeriod.of("2023/24");
    private static final List<SealCriterion> CRITERIA = List.of(new SealCriterion("netzwerk", "Netzwerk"),
            new SealCriterion("projekte", "Projekte"), new SealCriterion("sichtbarkeit", "Sichtbarkeit"));
    private static final BigDecimal THRESHOLD = new BigDecimal("3.00");
    private static final SurveyCampaignOpened OPENED = new SurveyCampaignOpened(YEAR, "Bündnisumfrage 2024", CRITERIA,
            new AnswerScale(1, 5), THRESHOLD, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 5, 31));
    private static final SurveyImportMapping MAPPING = new SurveyImportMapping("token", Map.of(),
            Map.of("Q2[SQ001]", "netzwerk", "Q2[SQ002]", "projekte", "Q2[SQ003]", "sichtbarkeit"),
            Map.of("A1", 1, "A2", 2, "A3", 3, "A4", 4, "A5", 5), false, "PZ", List.of("Y"), List.of("N"),
            SubmissionChannel.ONLINE);
    private static final SurveyImportSource SOURCE = new SurveyImportSource("umfrage-2024.json", "limesurvey-json",
            "ab".repeat(32), 3);

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final BuendnisId NUERNBERG = BuendnisId.of("nuernberg");
    private static final BuendnisId FUERTH = BuendnisId.of("fuerth");
    private static final BuendnisId KOELN = BuendnisId.of("koeln");
    private static final BuendnisId GOERLITZ = BuendnisId.of("goerlitz");
    private static final BuendnisId LEIPZIG = BuendnisId.of("leipzig");
    private static final BuendnisId ERFURT = BuendnisId.of("erfurt");
    private static final BuendnisId BREMEN = BuendnisId.of("bremen");

    private FixtureConfiguration<SurveyCampaign> fixture;

    @BeforeEach
    void setUp() {
        FakeRecordedFacts facts = new FakeRecordedFacts();
        for (BuendnisId id : List.of(HAMM, NUERNBERG, FUERTH, KOELN, ERFURT, BREMEN)) {
            facts.statuses.put(id, BuendnisStatus.ACTIVE);
        }
        facts.statuses.put(LEIPZIG, BuendnisStatus.PAUSED);
        facts.holders(VALID_SEAL, ERFURT);
        fixture = new AggregateTestFixture<>(SurveyCampaign.class);
        fixture.registerInjectableResource(facts);
    }

    @Test
    void aDryRunReportsEveryRowOutcomeAndEveryProblemAndRecordsNothing() {
        fixture.given(OPENED, submitted(NUERNBERG, scores(2, 2, 3), false), submitted(FUERTH, scores(3, 3, 3), true))
                .when(command(true, everyCase()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(report(report -> {
                    assertThat(report.dryRun()).isTrue();
                    assertThat(report.recorded()).isFalse();
                    assertThat(report.counts()).isEqualTo(new SurveyImportReport.Counts(11, 1, 1, 1, 8));
                    assertEveryCase(report);
                }));
    }

    @Test
    void theImportSubmitsAndAmendsTheGoodRowsSkipsTheOthersAndRecordsTheImportWithItsMapping() {
        List<CriterionScore> hamm = scores(4, 3, 4);
        List<CriterionScore> nuernberg = scores(4, 4, 4);
        fixture.given(OPENED, submitted(NUERNBERG, scores(2, 2, 3), false), submitted(FUERTH, scores(3, 3, 3), true))
                .when(command(false, everyCase()))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.equalTo(submitted(HAMM, hamm, true)),
                                org.hamcrest.Matchers.equalTo(new SurveyAmended(YEAR, NUERNBERG, nuernberg,
                                        ActivityLevel.of(nuernberg), THRESHOLD, true, false, SubmissionChannel.ONLINE,
                                        ActivityLevel.of(scores(2, 2, 3)), false)),
                                importedMatching(imported -> {
                                    assertThat(imported.importId()).isEqualTo("import-1");
                                    assertThat(imported.source()).isEqualTo(SOURCE);
                                    assertThat(imported.mapping()).isEqualTo(MAPPING);
                                    assertThat(List.of(imported.submitted(), imported.amended(), imported.unchanged(),
                                            imported.refused())).containsExactly(1, 1, 1, 8);
                                    assertThat(imported.refusedRows()).extracting(
                                            SurveyAnswersImported.RefusedRow::rowNumber).containsExactly(
                                            4, 5, 6, 7, 8, 9, 10, 11);
                                }),
                                org.axonframework.test.matchers.Matchers.andNoMore())))
                .expectResultMessagePayloadMatching(report(report -> {
                    assertThat(report.dryRun()).isFalse();
                    assertThat(report.recorded()).isTrue();
                    assertEveryCase(report);
                }));
    }

    @Test
    void aRepeatedFileRecordsNothingAtAll() {
        List<SurveyImportRow> rows = List.of(row(1, HAMM, scores(4, 3, 4), true), row(2, NUERNBERG, scores(4, 4, 4), false));
        fixture.given(OPENED, submitted(HAMM, scores(4, 3, 4), true),
                        submitted(NUERNBERG, scores(4, 4, 4), false), imported(2, 0))
                .when(command(false, rows))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(report(report -> {
                    assertThat(report.recorded()).isFalse();
                    assertThat(report.counts()).isEqualTo(new SurveyImportReport.Counts(2, 0, 0, 2, 0));
                }));
    }

    @Test
    void aCorrectedRowBecomesAnAmendmentAndTheRestStaysAsItWas() {
        List<CriterionScore> corrected = scores(4, 3, 5);
        List<SurveyImportRow> rows = List.of(row(1, HAMM, corrected, true), row(2, NUERNBERG, scores(4, 4, 4), false));
        fixture.given(OPENED, submitted(HAMM, scores(4, 3, 4), true),
                        submitted(NUERNBERG, scores(4, 4, 4), false), imported(2, 0))
                .when(command(false, rows))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.equalTo(new SurveyAmended(YEAR, HAMM, corrected,
                                        ActivityLevel.of(corrected), THRESHOLD, true, true, SubmissionChannel.ONLINE,
                                        ActivityLevel.of(scores(4, 3, 4)), true)),
                                importedMatching(imported -> assertThat(List.of(imported.submitted(),
                                        imported.amended(), imported.unchanged(), imported.refused()))
                                        .containsExactly(0, 1, 1, 0)),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aClosedCampaignTakesNoRowButAnswersTheRecordedOnesAsUnchanged() {
        List<SurveyImportRow> rows = List.of(row(1, HAMM, scores(4, 3, 5), true), row(2, NUERNBERG, scores(4, 4, 4), false),
                row(3, KOELN, scores(3, 3, 3), true));
        fixture.given(OPENED, submitted(HAMM, scores(4, 3, 4), true), submitted(NUERNBERG, scores(4, 4, 4), false),
                        new SurveyCampaignClosed(YEAR, 2, 2))
                .when(command(false, rows))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(report(report -> {
                    assertThat(report.recorded()).isFalse();
                    assertThat(report.importProblems()).extracting(Refusal.Reason::rule).containsExactly("campaign-open");
                    assertThat(report.rows()).extracting(SurveyImportReport.RowOutcome::outcome)
                            .containsExactly(Outcome.REFUSED, Outcome.UNCHANGED, Outcome.REFUSED);
                    assertThat(rules(report.rows().get(0))).containsExactly("campaign-open");
                    assertThat(rules(report.rows().get(2))).containsExactly("campaign-open");
                }));
    }

    @Test
    void anImportOfOnlyRefusedRowsRecordsNothing() {
        fixture.given(OPENED)
                .when(command(false, List.of(row(1, GOERLITZ, scores(3, 3, 3), true))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(report(report -> {
                    assertThat(report.recorded()).isFalse();
                    assertThat(rules(report.rows().get(0))).containsExactly("buendnis-registered");
                }));
    }

    // --- the rows of every case, and what the report says of them ---------------------------------------------

    private static List<SurveyImportRow> everyCase() {
        List<SurveyImportRow> rows = new ArrayList<>();
        rows.add(row(1, HAMM, scores(4, 3, 4), true));                                        // new: SUBMIT
        rows.add(row(2, NUERNBERG, scores(4, 4, 4), false));                                  // other answers: AMEND
        rows.add(row(3, FUERTH, scores(3, 3, 3), true));                                      // same: UNCHANGED
        rows.add(row(4, GOERLITZ, scores(3, 3, 3), true));                                    // not registered
        rows.add(row(5, LEIPZIG, scores(3, 3, 3), true));                                     // paused
        rows.add(row(6, ERFURT, scores(3, 3, 3), true));                                      // holds the seal
        rows.add(row(7, BREMEN, List.of(new CriterionScore("netzwerk", 3),
                new CriterionScore("sichtbarkeit", 3)), true));                               // missing answer
        rows.add(new SurveyImportRow(8, null, scores(3, 3, 3), true, List.of(
                new Refusal.Reason("token", "alliance-known", "the value 'tokX' is not in the mapping"))));
        rows.add(new SurveyImportRow(9, BuendnisId.of("dresden"), List.of(new CriterionScore("projekte", 3),
                new CriterionScore("sichtbarkeit", 3)), null, List.of(
                new Refusal.Reason("Q2[SQ001]", "answer-known", "the answer 'A9' is no mapped answer code"),
                new Refusal.Reason("PZ", "interest-answered", "'vielleicht'"))));             // read problems
        rows.add(row(10, KOELN, scores(3, 7, 3), true));                                      // duplicate + scale
        rows.add(row(11, KOELN, scores(3, 3, 3), true));                                      // duplicate
        return rows;
    }

    private static void assertEveryCase(SurveyImportReport report) {
        assertThat(report.rows()).extracting(SurveyImportReport.RowOutcome::rowNumber,
                SurveyImportReport.RowOutcome::buendnisId, SurveyImportReport.RowOutcome::outcome).containsExactly(
                tuple(1, "hamm", Outcome.SUBMIT), tuple(2, "nuernberg", Outcome.AMEND),
                tuple(3, "fuerth", Outcome.UNCHANGED), tuple(4, "goerlitz", Outcome.REFUSED),
                tuple(5, "leipzig", Outcome.REFUSED), tuple(6, "erfurt", Outcome.REFUSED),
                tuple(7, "bremen", Outcome.REFUSED), tuple(8, null, Outcome.REFUSED),
                tuple(9, "dresden", Outcome.REFUSED), tuple(10, "koeln", Outcome.REFUSED),
                tuple(11, "koeln", Outcome.REFUSED));
        assertThat(report.rows().get(0).activityLevel()).isEqualByComparingTo("3.67");
        assertThat(report.rows().get(0).sufficient()).isTrue();
        assertThat(report.rows().get(0).problems()).isEmpty();
        assertThat(rules(report.rows().get(3))).containsExactly("buendnis-registered");
        assertThat(rules(report.rows().get(4))).containsExactly("buendnis-active");
        assertThat(rules(report.rows().get(5))).containsExactly("no-valid-seal");
        assertThat(rules(report.rows().get(6))).containsExactly("every-criterion-answered");
        assertThat(report.rows().get(6).problems().get(0).detail()).contains("projekte");
        assertThat(rules(report.rows().get(7))).containsExactly("alliance-known");
        assertThat(rules(report.rows().get(8))).containsExactly("answer-known", "interest-answered",
                "buendnis-registered", "every-criterion-answered");
        assertThat(rules(report.rows().get(9))).containsExactly("one-row-per-alliance", "score-inside-scale");
        assertThat(rules(report.rows().get(10))).containsExactly("one-row-per-alliance");
        assertThat(report.importProblems()).isEmpty();
    }

    // --- test data ------------------------------------------------------------------------------------------------

    private static ImportSurveyAnswers command(boolean dryRun, List<SurveyImportRow> rows) {
        return new ImportSurveyAnswers(YEAR, "import-1", SOURCE, MAPPING, rows, dryRun);
    }

    private static SurveyImportRow row(int number, BuendnisId id, List<CriterionScore> scores, boolean interest) {
        return new SurveyImportRow(number, id, scores, interest, List.of());
    }

    private static List<CriterionScore> scores(int netzwerk, int projekte, int sichtbarkeit) {
        return List.of(new CriterionScore("netzwerk", netzwerk), new CriterionScore("projekte", projekte),
                new CriterionScore("sichtbarkeit", sichtbarkeit));
    }

    private static SurveySubmitted submitted(BuendnisId id, List<CriterionScore> scores, boolean interest) {
        ActivityLevel level = ActivityLevel.of(scores);
        return new SurveySubmitted(YEAR, id, scores, level, THRESHOLD, level.reaches(THRESHOLD), interest,
                SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, VALID_SEAL, false));
    }

    private static SurveyAnswersImported imported(int submitted, int amended) {
        return new SurveyAnswersImported(YEAR, "import-0", SOURCE, MAPPING, submitted, amended, 0, 0, List.of());
    }

    private static List<String> rules(SurveyImportReport.RowOutcome row) {
        return row.problems().stream().map(Refusal.Reason::rule).toList();
    }

    private static Matcher<SurveyImportReport> report(Consumer<SurveyImportReport> assertions) {
        return new CustomTypeSafeMatcher<>("an import report") {
            @Override
            protected boolean matchesSafely(SurveyImportReport report) {
                assertions.accept(report);
                return true;
            }
        };
    }

    private static Matcher<Object> importedMatching(Consumer<SurveyAnswersImported> assertions) {
        return new CustomTypeSafeMatcher<>("the import event") {
            @Override
            protected boolean matchesSafely(Object event) {
                if (!(event instanceof SurveyAnswersImported imported)) {
                    return false;
                }
                assertions.accept(imported);
                return true;
            }
        };
    }
}
