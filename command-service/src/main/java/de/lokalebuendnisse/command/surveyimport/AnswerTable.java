package de.lokalebuendnisse.command.surveyimport;

import de.lokalebuendnisse.kernel.common.Refusal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A survey file read as a table, whatever its format: the columns it has and per answer row (numbered from 1 in
 * file order) the text of each column, null where the file has none, plus what was wrong with the row's syntax.
 */
record AnswerTable(Set<String> columns, List<Row> rows) {

    record Row(int number, Map<String, String> values, List<Refusal.Reason> problems) {
    }
}
