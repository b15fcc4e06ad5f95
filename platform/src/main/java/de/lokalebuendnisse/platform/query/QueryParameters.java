package de.lokalebuendnisse.platform.query;

import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.platform.http.TextRules;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads and checks the parameters of one query request, collecting every violation so that the answer names them
 * all. Only the parameters an endpoint names are accepted: {@code q[$ne]=} or {@code sort.$where=} is refused, not
 * ignored, and no value ever reaches MongoDB as an operator.
 */
public final class QueryParameters {

    /** Header and parameter that carry the event position a command answered with (read-your-writes). */
    public static final String POSITION_HEADER = "X-Event-Position";
    public static final String POSITION_PARAMETER = "position";

    private static final Pattern OPERATOR_CHARACTERS = Pattern.compile("[${}\\[\\]]");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,30}");

    private final HttpServletRequest request;
    private final List<Refusal.Reason> violations = new ArrayList<>();

    private QueryParameters(HttpServletRequest request) {
        this.request = request;
    }

    /** Checks that the request names only {@code allowed} parameters (and {@value #POSITION_PARAMETER}), once each. */
    public static QueryParameters of(HttpServletRequest request, String... allowed) {
        QueryParameters parameters = new QueryParameters(request);
        Set<String> known = new TreeSet<>(Arrays.asList(allowed));
        known.add(POSITION_PARAMETER);
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!PLAIN_NAME.matcher(name).matches() || !known.contains(name)) {
                parameters.violation(printable(name), "known-parameter",
                        "is not a parameter of this query; known are " + String.join(", ", known));
            } else if (parameter.getValue().length > 1) {
                parameters.violation(name, "single-value", "must be given once");
            }
        }
        return parameters;
    }

    /** Free text, trimmed; null when absent or blank. Refuses characters that only an operator would need. */
    public String text(String name, int maxLength) {
        String value = raw(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        TextRules.Violation broken = TextRules.check(value);
        if (broken != null) {
            return violation(name, broken.rule(), broken.detail());
        }
        String trimmed = TextRules.normalise(value);
        if (trimmed.length() > maxLength) {
            return violation(name, "max-length", "must have at most " + maxLength + " characters");
        }
        if (OPERATOR_CHARACTERS.matcher(trimmed).find()) {
            return violation(name, "no-operators", "must not contain $ { } [ or ]");
        }
        return trimmed;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = raw(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return violation(name, "one-of", "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** One of a fixed set of words, e.g. a sort key. */
    public String oneOf(String name, String fallback, Set<String> allowed) {
        String value = raw(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!allowed.contains(value.strip())) {
            return violation(name, "one-of", "must be one of " + new TreeSet<>(allowed));
        }
        return value.strip();
    }

    public Bundesland bundesland(String name) {
        String value = raw(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return take(() -> Bundesland.ofIsoCode(value.strip()), name);
    }

    /** A value object parsed by its own rules, e.g. {@code AwardPeriod::fromId}; its violation is collected. */
    public <T> T take(Supplier<T> parse, String field) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            return violation(field, e.rule(), e.detail());
        }
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        String value = raw(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                violation(name, "range", "must be from " + min + " to " + max);
                return fallback;
            }
            return number;
        } catch (NumberFormatException e) {
            violation(name, "integer", "must be a whole number");
            return fallback;
        }
    }

    /** The zero-based page number. */
    public int page() {
        return integer("page", 0, 0, 1_000_000);
    }

    /** The page size, at most {@code maxPageSize}. */
    public int size(int fallback, int maxPageSize) {
        return integer("size", fallback, 1, maxPageSize);
    }

    /** The event position to wait for, from {@value #POSITION_HEADER} or {@value #POSITION_PARAMETER}; null when none. */
    public Long position() {
        String header = request.getHeader(POSITION_HEADER);
        String field = header != null ? POSITION_HEADER : POSITION_PARAMETER;
        String value = header != null ? header : raw(POSITION_PARAMETER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(value.strip());
            if (position < 0) {
                return violation(field, "not-negative", "must be 0 or more");
            }
            return position;
        } catch (NumberFormatException e) {
            return violation(field, "integer", "must be the whole-number event position a command answered with");
        }
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidQueryException(List.copyOf(violations));
        }
    }

    private String raw(String name) {
        return request.getParameter(name);
    }

    private <T> T violation(String field, String rule, String detail) {
        violations.add(new Refusal.Reason(field, rule, detail));
        return null;
    }

    /** Parameter names are echoed in the answer: keep them short and printable. */
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^\\p{L}\\p{N}\\[\\]$._-]", "?");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) + "…" : cleaned;
    }

    /** The request's parameters broke one or more rules; answered with 400. */
    public static final class InvalidQueryException extends RuntimeException {

        private final List<Refusal.Reason> reasons;

        public InvalidQueryException(List<Refusal.Reason> reasons) {
            super(new Refusal(Refusal.Kind.INVALID, reasons).summary());
            this.reasons = reasons;
        }

        public List<Refusal.Reason> reasons() {
            return reasons;
        }
    }
}
