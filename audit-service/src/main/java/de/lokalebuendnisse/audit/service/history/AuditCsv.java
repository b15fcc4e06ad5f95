package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.platform.csv.SpreadsheetCsv;
import de.lokalebuendnisse.audit.trail.entry.AuditColumn;
import de.lokalebuendnisse.kernel.audit.AuditEntry;

import java.util.Arrays;
import java.util.List;

/**
 * One audit entry as a CSV line by the rules of {@link SpreadsheetCsv} (the same as the invitation list's):
 * <ul>
 *   <li>separator {@code ;}: German Excel reads {@code ;} as the list separator and would put a {@code ,}-separated
 *   file into one column; the reasons also carry decimal commas (3,33);</li>
 *   <li>UTF-8 with a byte order mark ({@link #BOM}), without which Excel reads the umlauts as Windows-1252;</li>
 *   <li>a cell is quoted when it holds the separator, a quote, CR or LF, quotes doubled; lines end with CRLF;</li>
 *   <li>a cell starting with {@code = + - @}, tab or CR gets a leading apostrophe, so a spreadsheet shows it as
 *   text instead of running it as a formula (callers and reasons come from outside).</li>
 * </ul>
 * The columns are the fields of {@link AuditEntry} under their JSON names, in the order of {@link AuditColumn}.
 */
public final class AuditCsv {

    public static final char SEPARATOR = SpreadsheetCsv.SEPARATOR;
    public static final String LINE_END = SpreadsheetCsv.LINE_END;
    public static final String BOM = SpreadsheetCsv.BOM;

    private AuditCsv() {
    }

    public static List<String> columns() {
        return Arrays.stream(AuditColumn.values()).map(AuditColumn::key).toList();
    }

    /** The header line, CRLF included. */
    public static String header() {
        return line(columns());
    }

    /** One entry's line, CRLF included; an absent value is an empty cell. */
    public static String row(AuditEntry entry) {
        return line(Arrays.stream(AuditColumn.values()).map(column -> column.valueOf(entry))
                .map(value -> value == null ? "" : value.toString()).toList());
    }

    /** One cell: neutralised, then quoted where RFC 4180 needs it. */
    public static String cell(String value) {
        return SpreadsheetCsv.cell(value);
    }

    private static String line(List<String> values) {
        return SpreadsheetCsv.line(values);
    }
}
