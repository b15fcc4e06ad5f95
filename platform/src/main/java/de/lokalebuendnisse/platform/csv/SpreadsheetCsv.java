package de.lokalebuendnisse.platform.csv;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV (RFC 4180) made for the spreadsheets the office and auditors open it with:
 * <ul>
 *   <li>separator {@code ;}: German Excel reads {@code ;} as the list separator and would put a {@code ,}-separated
 *   file into one column; texts also carry decimal commas (3,33);</li>
 *   <li>UTF-8 with a byte order mark ({@link #BOM}), without which Excel reads the umlauts as Windows-1252;</li>
 *   <li>a cell is quoted when it holds the separator, a quote, CR or LF, quotes doubled; lines end with CRLF;</li>
 *   <li>a cell starting with {@code = + - @}, tab or CR gets a leading apostrophe, so a spreadsheet shows it as
 *   text instead of running it as a formula (names, callers and reasons come from outside).</li>
 * </ul>
 */
public final class SpreadsheetCsv {

    public static final char SEPARATOR = ';';
    public static final String LINE_END = "\r\n";
    public static final String BOM = "\uFEFF";

    private static final Pattern NEEDS_QUOTES = Pattern.compile("[;\"\r\n]");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetCsv() {
    }

    /** One cell: neutralised, then quoted where RFC 4180 needs it. */
    public static String cell(String value) {
        String text = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return NEEDS_QUOTES.matcher(text).find() ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** One line of cells, CRLF included; a null value is an empty cell. */
    public static String line(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(SEPARATOR);
            }
            line.append(cell(values.get(i) == null ? "" : values.get(i)));
        }
        return line.append(LINE_END).toString();
    }
}
