package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a request body into value objects and a command while collecting every invalid field, so one 400 answer
 * names all of them instead of the first.
 */
final class RequestViolations {

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
            reasons.add(new Refusal.Reason(field, "one-of", "'" + raw + "' is none of " + Arrays.toString(type.getEnumConstants())));
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

    LocalDate date(String field, String raw) {
        if (raw == null) {
            reasons.add(new Refusal.Reason(field, "required", "must be given"));
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            reasons.add(new Refusal.Reason(field, "iso-date", "'" + raw + "' is not a date like 2024-11-22"));
            return null;
        }
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
