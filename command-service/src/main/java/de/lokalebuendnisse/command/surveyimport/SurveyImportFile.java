package de.lokalebuendnisse.command.surveyimport;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.SurveyImportMapping;
import de.lokalebuendnisse.kernel.survey.SurveyImportRow;
import de.lokalebuendnisse.kernel.survey.SurveyImportSource;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A survey export read by its mapping into answer rows, ready for the campaign to decide. Used by the HTTP endpoint
 * and by the command line (which reads the file first to show progress and problems of the file itself).
 * Problems of the file or mapping as a whole throw {@link SurveyFileException}; problems of one row stay with it.
 */
public record SurveyImportFile(SurveyImportSource source, SurveyImportMapping mapping, List<SurveyImportRow> rows) {

    /** A score written as a whole number: no sign, no decimals, no leading zeros, at most three digits. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** Told after every row: how many of how many rows are read. */
    @FunctionalInterface
    public interface Progress {
        void rowsRead(int done, int total);
    }

    public static SurveyImportFile read(SurveyImportFormat format, String fileName, byte[] file, byte[] mappingJson,
                                        Progress progress) {
        SurveyImportMapping mapping = MappingReader.read(mappingJson, format);
        AnswerTable table = switch (format) {
            case LIMESURVEY_JSON -> LimeSurveyJson.read(file);
            case LIMESURVEY_CSV -> SurveyCsv.read(file);
            case INTERVIEW_CSV -> InterviewCsv.read(file);
        };
        if (table.rows().isEmpty()) {
            throw new SurveyFileException("file", "not-empty", "the file has no answer rows");
        }
        checkColumns(table, mapping);
        List<SurveyImportRow> rows = new ArrayList<>();
        for (AnswerTable.Row row : table.rows()) {
            rows.add(mapRow(row, mapping));
            progress.rowsRead(rows.size(), table.rows().size());
        }
        SurveyImportSource source = new SurveyImportSource(fileName, format.formatName(), sha256(file), rows.size());
        return new SurveyImportFile(source, mapping, rows);
    }

    /** Every column the mapping names must be in the file: a typo in the mapping would refuse every row. */
    private static void checkColumns(AnswerTable table, SurveyImportMapping mapping) {
        List<Refusal.Reason> missing = new ArrayList<>();
        if (!table.columns().contains(mapping.allianceColumn())) {
            missing.add(new Refusal.Reason("mapping.allianceColumn", "column-present", "the file has no column "
                    + SurveyFileException.excerpt(mapping.allianceColumn())));
        }
        mapping.criteria().keySet().stream().sorted().filter(code -> !table.columns().contains(code))
                .forEach(code -> missing.add(new Refusal.Reason("mapping.criteria", "column-present",
                        "the file has no column " + SurveyFileException.excerpt(code))));
        if (!table.columns().contains(mapping.interestColumn())) {
            missing.add(new Refusal.Reason("mapping.interestColumn", "column-present", "the file has no column "
                    + SurveyFileException.excerpt(mapping.interestColumn())));
        }
        if (!missing.isEmpty()) {
            throw new SurveyFileException(missing);
        }
    }

    private static SurveyImportRow mapRow(AnswerTable.Row row, SurveyImportMapping mapping) {
        List<Refusal.Reason> problems = new ArrayList<>(row.problems());
        Map<String, String> values = row.values();
        BuendnisId buendnisId = alliance(values.get(mapping.allianceColumn()), mapping, problems);
        List<CriterionScore> scores = new ArrayList<>();
        mapping.criteria().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(question -> {
            String answer = values.get(question.getKey());
            if (answer == null) {
                return; // not answered: the campaign names every criterion left unanswered
            }
            Integer score = mapping.answerScores().get(answer);
            if (score == null && mapping.numericAnswers() && WHOLE_NUMBER.matcher(answer).matches()) {
                score = Integer.valueOf(answer);
            }
            if (score == null) {
                problems.add(new Refusal.Reason(question.getKey(), "answer-known", "the answer "
                        + SurveyFileException.excerpt(answer) + " is "
                        + (mapping.numericAnswers() ? "neither a whole number nor a mapped answer code"
                        : "no mapped answer code")));
            } else {
                scores.add(new CriterionScore(question.getValue(), score));
            }
        });
        String interestAnswer = values.get(mapping.interestColumn());
        Boolean interest = null;
        if (interestAnswer != null && mapping.interestYes().contains(interestAnswer)) {
            interest = true;
        } else if (interestAnswer != null && mapping.interestNo().contains(interestAnswer)) {
            interest = false;
        } else {
            problems.add(new Refusal.Reason(mapping.interestColumn(), "interest-answered", "the interest in "
                    + "Projekt Zukunft is " + SurveyFileException.excerpt(interestAnswer) + ", expected one of "
                    + mapping.interestYes() + " (yes) or " + mapping.interestNo() + " (no)"));
        }
        return new SurveyImportRow(row.number(), buendnisId, scores, interest, problems);
    }

    private static BuendnisId alliance(String value, SurveyImportMapping mapping, List<Refusal.Reason> problems) {
        String column = mapping.allianceColumn();
        if (value == null || value.isEmpty()) {
            problems.add(new Refusal.Reason(column, "alliance-named", "the row names no alliance"));
            return null;
        }
        String id = value;
        if (!mapping.allianceIds().isEmpty()) {
            id = mapping.allianceIds().get(value);
            if (id == null) {
                problems.add(new Refusal.Reason(column, "alliance-known", "the value "
                        + SurveyFileException.excerpt(value) + " is not in the mapping's allianceIds"));
                return null;
            }
        }
        try {
            return BuendnisId.of(id);
        } catch (InvalidValueException e) {
            problems.add(new Refusal.Reason(column, "alliance-known", "the value " + SurveyFileException.excerpt(id)
                    + " is no alliance id: " + e.detail()));
            return null;
        }
    }

    static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
