package de.lokalebuendnisse.command.surveyimport;

import de.lokalebuendnisse.kernel.common.Refusal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV export with a header line: UTF-8 with or without BOM, the delimiter ',' or ';' taken from the header line
 * (whichever occurs more often outside quotes; spreadsheets set to German write ';'). An empty cell is no answer.
 */
final class SurveyCsv {

    private SurveyCsv() {
    }

    static AnswerTable read(byte[] file) {
        String text = Utf8.text(file);
        char delimiter = delimiterOf(text);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(false)
                .get();
        List<AnswerTable.Row> rows = new ArrayList<>();
        Set<String> columns;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            columns = new LinkedHashSet<>(parser.getHeaderNames());
            int number = 0;
            for (CSVRecord record : parser) {
                number++;
                Map<String, String> values = new LinkedHashMap<>();
                List<Refusal.Reason> problems = new ArrayList<>();
                if (!record.isConsistent()) {
                    problems.add(new Refusal.Reason("row", "column-count", "the row has " + record.size()
                            + " fields, the header " + columns.size()));
                }
                int i = 0;
                for (String column : columns) {
                    String value = i < record.size() ? record.get(i) : null;
                    values.put(column, value == null || value.isEmpty() ? null : value);
                    i++;
                }
                rows.add(new AnswerTable.Row(number, values, problems));
            }
        } catch (IllegalArgumentException e) {
            throw new SurveyFileException("file", "csv-header",
                    "the header line must name every column once and none empty");
        } catch (UncheckedIOException | IOException e) {
            throw new SurveyFileException("file", "csv-syntax", "the file is no valid CSV (an unclosed quote?)");
        } catch (IllegalStateException e) {
            throw new SurveyFileException("file", "csv-syntax", "the file is no valid CSV (an unclosed quote?)");
        }
        if (columns.isEmpty()) {
            throw new SurveyFileException("file", "csv-header", "the file has no header line");
        }
        return new AnswerTable(columns, rows);
    }

    /** ';' or ',', whichever the header line has more of outside quotes; ',' when it has neither. */
    static char delimiterOf(String text) {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }
}
