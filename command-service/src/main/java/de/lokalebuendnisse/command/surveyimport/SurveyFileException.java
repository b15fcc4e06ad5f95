package de.lokalebuendnisse.command.surveyimport;

import de.lokalebuendnisse.kernel.common.Refusal;

import java.util.List;

/**
 * The file or the mapping cannot be read as a whole (broken syntax, a mapped column missing, a malformed mapping):
 * nothing of it is imported. Each reason names the part ({@code file}, {@code mapping.criteria}, ...) and the rule.
 */
public final class SurveyFileException extends RuntimeException {

    private final transient List<Refusal.Reason> reasons;

    public SurveyFileException(List<Refusal.Reason> reasons) {
        super(new Refusal(Refusal.Kind.INVALID, reasons).summary());
        this.reasons = List.copyOf(reasons);
    }

    public SurveyFileException(String field, String rule, String detail) {
        this(List.of(new Refusal.Reason(field, rule, detail)));
    }

    public List<Refusal.Reason> reasons() {
        return reasons;
    }

    /** At most 40 characters of a value from the file, so a problem never echoes much of it. */
    static String excerpt(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
