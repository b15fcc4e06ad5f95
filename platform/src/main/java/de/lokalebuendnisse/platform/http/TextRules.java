package de.lokalebuendnisse.platform.http;

import java.text.Normalizer;

/**
 * The rules every text a request carries must follow, before any field's own rule: no control characters (C0, DEL,
 * C1; also no line breaks or tabs), no bidirectional embeddings, overrides, isolates or marks (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069), no line or paragraph separators, no unpaired surrogates, no
 * noncharacters (U+FFFE, U+FFFF), at most {@value #MAX_LENGTH} characters. What passes is trimmed and normalised
 * to Unicode NFC, so "Bündnis" is stored the same however the caller composed the ü.
 */
public final class TextRules {

    /** Longest text any field accepts; fields have shorter limits of their own (names 200, reasons 1000, ...). */
    public static final int MAX_LENGTH = 5000;

    private TextRules() {
    }

    /** A broken rule: its name (as in {@code violations[].rule}) and what it means. */
    public record Violation(String rule, String detail) {
    }

    /** The first rule {@code text} breaks, or {@code null}. */
    public static Violation check(String text) {
        if (text.length() > MAX_LENGTH) {
            return new Violation("max-length", "must have at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return new Violation("no-lone-surrogates", "must not contain an unpaired surrogate code unit");
            }
            if (Character.isLowSurrogate(c)) {
                return new Violation("no-lone-surrogates", "must not contain an unpaired surrogate code unit");
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return new Violation("no-control-characters",
                        "must not contain control characters (found U+" + hex(c) + ")");
            }
            if (c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                return new Violation("no-bidi-controls",
                        "must not contain bidirectional control characters (found U+" + hex(c) + ")");
            }
            if (c == '\u2028' || c == '\u2029' || c == '\uFFFE' || c == '\uFFFF') {
                return new Violation("no-control-characters",
                        "must not contain separators or noncharacters (found U+" + hex(c) + ")");
            }
        }
        return null;
    }

    /** Trimmed and in NFC; call only for text that {@link #check(String)} accepted. */
    public static String normalise(String text) {
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
        return nfc.strip();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
