package de.lokalebuendnisse.command.surveyimport;

import de.lokalebuendnisse.kernel.common.Refusal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The telephone interviews' CSV (since 2025): a column naming the alliance, one column per criterion, the interest
 * (yes/no), {@code interviewer} and {@code date} (yyyy-MM-dd). Read as any survey CSV; the interviewer and the date
 * must be given and the date must be a real day not in the future. They are checked, not stored: the survey events
 * carry the answers, and the interviewer's name is personal data the campaign does not need.
 */
final class InterviewCsv {

    static final String INTERVIEWER = "interviewer";
    static final String DATE = "date";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private InterviewCsv() {
    }

    static AnswerTable read(byte[] file) {
        AnswerTable table = SurveyCsv.read(file);
        List<Refusal.Reason> missing = new ArrayList<>();
        for (String column : List.of(INTERVIEWER, DATE)) {
            if (!table.columns().contains(column)) {
                missing.add(new Refusal.Reason("file", "column-present",
                        "the interview CSV needs the column '" + column + "'"));
            }
        }
        if (!missing.isEmpty()) {
            throw new SurveyFileException(missing);
        }
        LocalDate today = LocalDate.now(BERLIN);
        List<AnswerTable.Row> rows = new ArrayList<>();
        for (AnswerTable.Row row : table.rows()) {
            List<Refusal.Reason> problems = new ArrayList<>(row.problems());
            if (row.values().get(INTERVIEWER) == null || row.values().get(INTERVIEWER).isBlank()) {
                problems.add(new Refusal.Reason(INTERVIEWER, "interviewer-named", "names no interviewer"));
            }
            String date = row.values().get(DATE);
            try {
                if (date == null || !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw new DateTimeParseException("not yyyy-MM-dd", String.valueOf(date), 0);
                }
                if (LocalDate.parse(date).isAfter(today)) {
                    problems.add(new Refusal.Reason(DATE, "interview-date", "the interview date "
                            + SurveyFileException.excerpt(date) + " lies in the future"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new Refusal.Reason(DATE, "interview-date",
                        "must be a date yyyy-MM-dd, not " + SurveyFileException.excerpt(date)));
            }
            rows.add(new AnswerTable.Row(row.number(), row.values(), problems));
        }
        return new AnswerTable(table.columns(), rows);
    }
}
