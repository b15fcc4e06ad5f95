package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Excerpt;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what went wrong while reading a JSON body into one violation: the field's path as the caller wrote it
 * ({@code scores[2].score}; {@code body} for the body as a whole), the rule ({@code integer}, {@code number},
 * {@code boolean}, {@code string}, {@code array}, {@code object}, {@code one-of}, {@code known-field},
 * {@code required}, {@code readable-json}, {@code json-limits}, a text rule of {@link TextRules}) and a detail
 * written for the caller. Jackson's own messages name Java types, so none of them is passed on.
 */
public final class JsonBodyProblems {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final String INTEGER = "must be a whole number from -2147483648 to 2147483647, written without "
            + "quotes, decimal point or exponent";

    private JsonBodyProblems() {
    }

    public static Refusal.Reason reason(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof InvalidValueException invalid) {
                return new Refusal.Reason(invalid.field(), invalid.rule(), invalid.detail());
            }
            if (cause instanceof JacksonException jackson) {
                return reason(jackson);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        String message = failure.getMessage();
        if (message != null && message.startsWith("Required request body is missing")) {
            return new Refusal.Reason("body", "required", "a JSON body is required");
        }
        return new Refusal.Reason("body", "readable-json", "the body is not readable JSON");
    }

    private static Refusal.Reason reason(JacksonException e) {
        String path = path(e);
        String field = path.isEmpty() ? "body" : path;
        if (e instanceof InputRuleException rule) {
            return new Refusal.Reason(field, rule.rule(), rule.detail());
        }
        if (e instanceof PropertyBindingException unknown) {
            return new Refusal.Reason(field, "known-field", "is not a field of this request");
        }
        if (e instanceof InvalidNullException) {
            return new Refusal.Reason(field, "required", "must not be null");
        }
        if (e instanceof StreamConstraintsException) {
            return new Refusal.Reason(field, "json-limits",
                    "the JSON nests too deep or holds too long a number or text");
        }
        if (e instanceof InputCoercionException) {
            return new Refusal.Reason(field, "integer", INTEGER);
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Trailing token")) {
            return new Refusal.Reason("body", "readable-json", "the body must hold exactly one JSON value");
        }
        if (e instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            if (target != null && target.isEnum()) {
                return new Refusal.Reason(field, "one-of", "must be one of the listed values");
            }
            if (target != null && e.getClass().getSimpleName().equals("InvalidFormatException")
                    && (target == Integer.class || target == int.class || target == Long.class || target == long.class)) {
                return new Refusal.Reason(field, "integer", INTEGER);
            }
            return typeRule(field, target);
        }
        if (e instanceof StreamReadException) {
            if (message.startsWith("Duplicate Object property") || message.startsWith("Duplicate field")) {
                return new Refusal.Reason(field, "unique-fields", "names a field twice");
            }
            return new Refusal.Reason(field, "readable-json", "the body is not well-formed JSON");
        }
        return new Refusal.Reason(field, "readable-json", "the body is not JSON of the expected shape");
    }

    private static Refusal.Reason typeRule(String field, Class<?> target) {
        if (target == null) {
            return new Refusal.Reason(field, "readable-json", "the body is not JSON of the expected shape");
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == BigInteger.class) {
            return new Refusal.Reason(field, "integer", INTEGER);
        }
        if (target == BigDecimal.class || target == Double.class || target == double.class
                || target == Float.class || target == float.class) {
            return new Refusal.Reason(field, "number", "must be a number, written without quotes");
        }
        if (target == Boolean.class || target == boolean.class) {
            return new Refusal.Reason(field, "boolean", "must be true or false, written without quotes");
        }
        if (target == String.class) {
            return new Refusal.Reason(field, "string", "must be text in quotes");
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return new Refusal.Reason(field, "array", "must be a JSON array");
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord() || !target.getName().startsWith("java.")) {
            return new Refusal.Reason(field, "object", "must be a JSON object");
        }
        return new Refusal.Reason(field, "readable-json", "the body is not JSON of the expected shape");
    }

    /** {@code scores[2].score}: the path as the caller wrote it, without any type names. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                String name = reference.getPropertyName();
                path.append(PLAIN_NAME.matcher(name).matches() ? name : Excerpt.of(name));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
