package de.lokalebuendnisse.kernel.common;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Construction-time checks of the value objects and messages; each failure names its field and rule. */
public final class Require {

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "required", "must be given");
        }
        return value;
    }

    public static String text(String value, String field, int maxLength) {
        present(value, field);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(field, "not-blank", "must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "max-length", "must have at most " + maxLength + " characters");
        }
        return trimmed;
    }

    public static String optionalText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(value, field, maxLength);
    }

    public static String matches(String value, Pattern pattern, String field, String rule, String message) {
        present(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidValueException(field, rule, message);
        }
        return value;
    }

    public static <T> List<T> list(List<T> values, String field) {
        present(values, field);
        if (values.stream().anyMatch(v -> v == null)) {
            throw new InvalidValueException(field, "no-null-elements", "must not contain empty entries");
        }
        return List.copyOf(values);
    }

    public static <T> List<T> nonEmptyList(List<T> values, String field) {
        List<T> copy = list(values, field);
        if (copy.isEmpty()) {
            throw new InvalidValueException(field, "not-empty", "must contain at least one entry");
        }
        return copy;
    }

    /** A sorted, unmodifiable copy: events serialize their sets in a stable order. */
    public static <T extends Comparable<? super T>> Set<T> set(Collection<T> values, String field) {
        present(values, field);
        if (values.stream().anyMatch(v -> v == null)) {
            throw new InvalidValueException(field, "no-null-elements", "must not contain empty entries");
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
