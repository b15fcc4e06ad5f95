package de.lokalebuendnisse.query.seal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values a seal credential holds: objects, arrays, strings,
 * booleans, null and integers, as Jackson reads JSON into {@code Map}, {@code List}, {@code String}, {@code Boolean}
 * and integral numbers. Keys are sorted by UTF-16 code units (what {@link String#compareTo} does), strings are
 * escaped as RFC 8785 prescribes (ECMAScript's JSON.stringify). Fractional numbers are refused rather than written
 * in a form that might differ from ECMAScript's: the credential has none.
 */
public final class Jcs {

    private Jcs() {
    }

    public static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger) {
            integer(new BigInteger(value.toString()), out);
        } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            integer(d.toBigIntegerExact(), out);
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            for (Object key : map.keySet()) {
                keys.add((String) key);
            }
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(keys.get(i), out);
                out.append(':');
                write(map.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no canonical form here for a " + value.getClass().getSimpleName()
                    + " (only objects, arrays, strings, booleans, null and integers)");
        }
    }

    /** Integers beyond 2^53 lose precision in ECMAScript; they are not written in a form JCS would not give. */
    private static void integer(BigInteger value, StringBuilder out) {
        if (value.abs().bitLength() > 53) {
            throw new IllegalArgumentException("integer beyond 2^53 has no exact canonical form");
        }
        out.append(value);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
