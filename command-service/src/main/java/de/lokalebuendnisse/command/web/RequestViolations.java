package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.kernel.common.Excerpt;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns a request body into value objects and a command while collecting every invalid field, so one 400 answer
 * names all of them instead of the first.
 */
final class RequestViolations {

    /** Earliest date any request may carry; the initiative started in 2004, alliances were founded before it. */
    static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** How many years after today a date may lie (ceremonies, Werkstätten and campaigns are planned ahead). */
    static final int HORIZON_YEARS = 10;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final List<Refusal.Reason> reasons = new ArrayList<>();

    /** Builds a value; an {@link InvalidValueException} becomes a violation and the result {@code null}. */
    <T> T take(Supplier<T> builder) {
        try {
            return builder.get();
        } catch (InvalidValueException e) {
            reasons.add(new Refusal.Reason(e.field(), e.rule(), e.detail()));
            return null;
        }
    }

    /** As {@link #take(Supplier)}, but names the field itself (for values whose own name is too generic). */
    <T> T take(String field, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (InvalidValueException e) {
            reasons.add(new Refusal.Reason(field, e.rule(), e.detail()));
            return null;
        }
    }

    void reject(String field, String rule, String detail) {
        reasons.add(new Refusal.Reason(field, rule, detail));
    }

    <T> T required(String field, T value) {
        if (value == null) {
            reasons.add(new Refusal.Reason(field, "required", "must be given"));
        }
        return value;
    }

    <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type) {
        if (raw == null) {
            reasons.add(new Refusal.Reason(field, "required", "must be given"));
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            reasons.add(new Refusal.Reason(field, "one-of", Excerpt.of(raw) + " is none of "
                    + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    <E extends Enum<E>> List<E> enumValues(String field, List<String> raw, Class<E> type) {
        if (raw == null) {
            return List.of();
        }
        List<E> values = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            E value = enumValue(field + "[" + i + "]", raw.get(i), type);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * A date of the request: ISO-8601 ({@code 2024-11-22}) from {@link #EARLIEST_DATE} to {@value #HORIZON_YEARS}
     * years after today (Europe/Berlin). Checked here, at the request, not in the value objects: events recorded
     * before the rule existed stay readable.
     */
    LocalDate date(String field, String raw) {
        if (raw == null) {
            reasons.add(new Refusal.Reason(field, "required", "must be given"));
            return null;
        }
        LocalDate date;
        try {
            date = ISO_DATE.matcher(raw).matches() ? LocalDate.parse(raw) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            reasons.add(new Refusal.Reason(field, "iso-date", Excerpt.of(raw) + " is not a date like 2024-11-22"));
            return null;
        }
        LocalDate latest = LocalDate.now(BERLIN).plusYears(HORIZON_YEARS);
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(latest)) {
            reasons.add(new Refusal.Reason(field, "date-range",
                    "must lie from " + EARLIEST_DATE + " to " + latest + " (" + HORIZON_YEARS + " years from today)"));
            return null;
        }
        return date;
    }

    /** As {@link #date(String, String)}, and not after today: for facts that have happened (a founding). */
    LocalDate pastDate(String field, String raw) {
        LocalDate date = date(field, raw);
        if (date != null && date.isAfter(LocalDate.now(BERLIN))) {
            reasons.add(new Refusal.Reason(field, "not-in-future", "must not lie after today"));
            return null;
        }
        return date;
    }

    boolean any() {
        return !reasons.isEmpty();
    }

    /** Throws when anything was invalid; call before building the command from the collected values. */
    void throwIfAny() {
        if (!reasons.isEmpty()) {
            throw new InvalidRequestException(List.copyOf(reasons));
        }
    }

    /** The request breaks rules of its values; answered with 400 and nothing is dispatched. */
    static final class InvalidRequestException extends RuntimeException {

        private final transient List<Refusal.Reason> reasons;

        InvalidRequestException(List<Refusal.Reason> reasons) {
            super(new Refusal(Refusal.Kind.INVALID, reasons).summary());
            this.reasons = reasons;
        }

        List<Refusal.Reason> reasons() {
            return reasons;
        }
    }
}
