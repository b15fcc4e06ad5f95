package de.lokalebuendnisse.command.surveyimport;

import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyImportRow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reading the survey tool's exports and the interview CSV by a mapping: the fixtures under
 * {@code surveyimport/}, byte-order mark and delimiter, umlauts, broken numbers and codes, and a broken mapping.
 */
class SurveyImportFileTest {

    static byte[] fixture(String name) {
        try (InputStream in = SurveyImportFileTest.class.getResourceAsStream("/surveyimport/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SurveyImportFile read(SurveyImportFormat format, String file, String mapping) {
        return SurveyImportFile.read(format, file, fixture(file), fixture(mapping), (done, total) -> { });
    }

    private static List<String> rules(SurveyImportRow row) {
        return row.problems().stream().map(Refusal.Reason::rule).toList();
    }

    @Test
    void readsTheLimeSurveyJsonExportWithSubquestionCodesAndTokenLookup() {
        SurveyImportFile file = read(SurveyImportFormat.LIMESURVEY_JSON, "limesurvey-responses.json",
                "limesurvey-mapping.json");

        assertThat(file.rows()).hasSize(5);
        SurveyImportRow hamm = file.rows().get(0);
        assertThat(hamm.rowNumber()).isEqualTo(1);
        assertThat(hamm.buendnisId().value()).isEqualTo("hamm");
        assertThat(hamm.scores()).containsExactlyInAnyOrder(new CriterionScore("netzwerk", 4),
                new CriterionScore("projekte", 3), new CriterionScore("sichtbarkeit", 4));
        assertThat(hamm.projektZukunftInterest()).isTrue();
        assertThat(hamm.problems()).isEmpty();
        assertThat(file.rows().get(1).projektZukunftInterest()).isFalse();
        // a question left open is simply not answered: the campaign names the criterion
        assertThat(file.rows().get(2).scores()).extracting(CriterionScore::criterionId)
                .containsExactlyInAnyOrder("netzwerk", "sichtbarkeit");
        assertThat(file.rows().get(2).problems()).isEmpty();
        assertThat(file.rows().get(3).buendnisId()).isNull();
        assertThat(rules(file.rows().get(3))).containsExactly("alliance-known");
        assertThat(file.rows().get(4).problems()).extracting(Refusal.Reason::field, Refusal.Reason::rule)
                .containsExactly(tuple("Q2[SQ001]", "answer-known"), tuple("PZ", "interest-answered"));
        assertThat(file.source().format()).isEqualTo("limesurvey-json");
        assertThat(file.source().rowCount()).isEqualTo(5);
        assertThat(file.source().sha256()).hasSize(64);
        assertThat(file.mapping().channel()).isEqualTo(SubmissionChannel.ONLINE);
    }

    @Test
    void theCsvExportWithBomAndSemicolonsReadsAsTheJsonExport() {
        SurveyImportFile json = read(SurveyImportFormat.LIMESURVEY_JSON, "limesurvey-responses.json",
                "limesurvey-mapping.json");
        SurveyImportFile csv = read(SurveyImportFormat.LIMESURVEY_CSV, "limesurvey-responses-bom-semicolon.csv",
                "limesurvey-mapping.json");

        assertThat(fixture("limesurvey-responses-bom-semicolon.csv")).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(csv.rows()).isEqualTo(json.rows());
        assertThat(csv.source().sha256()).isNotEqualTo(json.source().sha256());
    }

    @Test
    void umlautsSurviveAndTheBomIsNotPartOfTheFirstColumn() {
        AnswerTable table = SurveyCsv.read(fixture("limesurvey-responses-bom-semicolon.csv"));
        assertThat(table.columns()).first().isEqualTo("id");
        assertThat(table.rows().get(1).values().get("attribute_1")).isEqualTo("Bündnis für Familie Nürnberg");
        assertThat(table.rows().get(0).values().get("Q9")).isEqualTo("Gemeinsam für Familien; wir freuen uns!");
        AnswerTable json = LimeSurveyJson.read(fixture("limesurvey-responses.json"));
        assertThat(json.rows().get(2).values().get("attribute_1")).isEqualTo("Fürther Bündnis für Familien");
        assertThat(json.rows().get(2).values().get("Q9")).isEqualTo("Öffnungszeiten der Kitas");
    }

    @Test
    void aCommaSeparatedFileWithoutBomReadsTheSame() {
        String text = new String(fixture("limesurvey-responses-bom-semicolon.csv"), StandardCharsets.UTF_8)
                .substring(1).replace("\"Gemeinsam für Familien; wir freuen uns!\"", "x").replace(';', ',');
        SurveyImportFile commas = SurveyImportFile.read(SurveyImportFormat.LIMESURVEY_CSV, "x.csv",
                text.getBytes(StandardCharsets.UTF_8), fixture("limesurvey-mapping.json"), (done, total) -> { });
        SurveyImportFile json = read(SurveyImportFormat.LIMESURVEY_JSON, "limesurvey-responses.json",
                "limesurvey-mapping.json");
        assertThat(SurveyCsv.delimiterOf(text)).isEqualTo(',');
        assertThat(commas.rows()).isEqualTo(json.rows());
    }

    @Test
    void readsTheInterviewCsvWithNumbersAndRefusesBrokenNumbersMissingInterviewerAndOddDates() {
        List<Integer> progress = new ArrayList<>();
        SurveyImportFile file = SurveyImportFile.read(SurveyImportFormat.INTERVIEW_CSV, "interviews.csv",
                fixture("interviews.csv"), fixture("interview-mapping.json"), (done, total) -> progress.add(done * 10 + total));

        assertThat(progress).containsExactly(14, 24, 34, 44); // done * 10 + total
        assertThat(file.mapping().channel()).isEqualTo(SubmissionChannel.INTERVIEW);
        SurveyImportRow hamm = file.rows().get(0);
        assertThat(hamm.problems()).isEmpty();
        assertThat(hamm.scores()).containsExactlyInAnyOrder(new CriterionScore("netzwerk", 4),
                new CriterionScore("projekte", 4), new CriterionScore("sichtbarkeit", 3));
        // "2.5" is no whole number and is not rounded
        assertThat(file.rows().get(1).problems()).extracting(Refusal.Reason::field, Refusal.Reason::rule)
                .containsExactly(tuple("sichtbarkeit", "answer-known"));
        assertThat(file.rows().get(1).projektZukunftInterest()).isFalse();
        assertThat(rules(file.rows().get(2))).containsExactly("interviewer-named");
        assertThat(rules(file.rows().get(3))).containsExactly("interview-date");
    }

    @Test
    void aFileThatIsNoUtf8OrNoJsonOrLacksAMappedColumnIsRefusedAsAWhole() {
        byte[] latin1 = "buendnisId,netzwerk\nk\u00f6ln,3\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SurveyImportFile.read(SurveyImportFormat.LIMESURVEY_CSV, "x.csv", latin1,
                fixture("limesurvey-mapping.json"), (done, total) -> { }))
                .isInstanceOfSatisfying(SurveyFileException.class, e -> assertThat(e.reasons())
                        .extracting(Refusal.Reason::rule).containsExactly("utf-8"));
        assertThatThrownBy(() -> SurveyImportFile.read(SurveyImportFormat.LIMESURVEY_JSON, "x.json",
                "{\"responses\":[".getBytes(StandardCharsets.UTF_8), fixture("limesurvey-mapping.json"), (done, total) -> { }))
                .isInstanceOfSatisfying(SurveyFileException.class, e -> assertThat(e.reasons())
                        .extracting(Refusal.Reason::rule).containsExactly("json-syntax"));
        assertThatThrownBy(() -> SurveyImportFile.read(SurveyImportFormat.LIMESURVEY_CSV, "x.csv",
                fixture("interviews.csv"), fixture("limesurvey-mapping.json"), (done, total) -> { }))
                .isInstanceOfSatisfying(SurveyFileException.class, e -> assertThat(e.reasons())
                        .extracting(Refusal.Reason::field, Refusal.Reason::rule).containsExactly(
                                tuple("mapping.allianceColumn", "column-present"),
                                tuple("mapping.criteria", "column-present"),
                                tuple("mapping.criteria", "column-present"),
                                tuple("mapping.criteria", "column-present"),
                                tuple("mapping.interestColumn", "column-present")));
    }

    @Test
    void aBrokenMappingNamesEveryFieldAndRuleAndCoercesNothing() {
        String mapping = """
                {"allianceColumn": 5, "criteria": {"Q1": "netzwerk", "Q2": "netzwerk"},
                 "answerScores": {"A1": "1", "A2": 2.5}, "interestColumn": "PZ", "interestYes": ["Y"],
                 "interestNo": ["Y"], "channel": "FAX", "extra": true}""";
        assertThatThrownBy(() -> SurveyImportFile.read(SurveyImportFormat.LIMESURVEY_JSON, "x.json",
                fixture("limesurvey-responses.json"), mapping.getBytes(StandardCharsets.UTF_8), (done, total) -> { }))
                .isInstanceOfSatisfying(SurveyFileException.class, e -> assertThat(e.reasons())
                        .extracting(Refusal.Reason::field, Refusal.Reason::rule).containsExactlyInAnyOrder(
                                tuple("mapping.extra", "unknown-field"),
                                tuple("mapping.allianceColumn", "text"),
                                tuple("mapping.criteria", "one-question-per-criterion"),
                                tuple("mapping.answerScores.A1", "whole-number"),
                                tuple("mapping.answerScores.A2", "whole-number"),
                                tuple("mapping.interestNo", "disjoint"),
                                tuple("mapping.channel", "one-of")));
    }

    @Test
    void theOlderJsonShapeKeyedByResponseIdIsUnwrapped() {
        String json = """
                {"responses":[{"17":{"token":"tokA","Q2[SQ001]":"A1","Q2[SQ002]":"A1","Q2[SQ003]":"A1","PZ":"N"}}]}""";
        SurveyImportFile file = SurveyImportFile.read(SurveyImportFormat.LIMESURVEY_JSON, "x.json",
                json.getBytes(StandardCharsets.UTF_8), fixture("limesurvey-mapping.json"), (done, total) -> { });
        assertThat(file.rows()).singleElement().satisfies(row -> {
            assertThat(row.buendnisId().value()).isEqualTo("hamm");
            assertThat(row.problems()).isEmpty();
        });
    }

    @Test
    void aJsonNumberIsTakenOnlyAsAWholeNumberAndOnlyWhenTheMappingSaysSo() {
        String json = """
                {"responses":[{"token":"tokA","Q2[SQ001]":3,"Q2[SQ002]":2.5,"Q2[SQ003]":true,"PZ":"Y"}]}""";
        String mapping = new String(fixture("limesurvey-mapping.json"), StandardCharsets.UTF_8)
                .replace("\"interestColumn\"", "\"numericAnswers\": true, \"interestColumn\"");
        SurveyImportFile file = SurveyImportFile.read(SurveyImportFormat.LIMESURVEY_JSON, "x.json",
                json.getBytes(StandardCharsets.UTF_8), mapping.getBytes(StandardCharsets.UTF_8), (done, total) -> { });
        SurveyImportRow row = file.rows().get(0);
        assertThat(row.scores()).containsExactly(new CriterionScore("netzwerk", 3));
        assertThat(row.problems()).extracting(Refusal.Reason::field, Refusal.Reason::rule).containsExactlyInAnyOrder(
                tuple("Q2[SQ003]", "answer-text"), tuple("Q2[SQ002]", "answer-known"));
    }
}
