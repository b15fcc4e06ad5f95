package de.lokalebuendnisse.kernel.common;

/**
 * A text as a JSON string literal, the one writer of them outside a JSON library. {@code "} and {@code \} are
 * escaped with a backslash, characters below U+0020 as {@code \}{@code u00XX} (lower-case hex); an absent text is
 * {@code null}. The uses differ only in what happens to everything outside printable ASCII:
 * <ul>
 * <li>{@link #quoted}: written as it is. The audit chain's canonical form and the audit history's digest are
 * documented that way (and hashed as UTF-8), so this must never change for them.</li>
 * <li>{@link #quotedAscii}: escaped as {@code \}{@code uXXXX} too, for answers that may pass transports which do
 * not keep UTF-8 intact (the HTTP edge's problem bodies written before Spring MVC runs).</li>
 * </ul>
 */
public final class JsonText {

    private JsonText() {
    }

    /** The literal with every character from U+0020 on as it is; see the class comment. */
    public static String quoted(String text) {
        return text == null ? "null" : appendQuoted(new StringBuilder(text.length() + 2), text).toString();
    }

    /**
     * Appends {@link #quoted}'s literal of {@code text} to {@code json}, without a string of its own in between (the
     * audit chain writes every event's payload so).
     */
    public static StringBuilder appendQuoted(StringBuilder json, String text) {
        return append(json, text, false);
    }

    /** The literal in printable ASCII only: everything else escaped; see the class comment. */
    public static String quotedAscii(String text) {
        return text == null ? "null" : append(new StringBuilder(text.length() + 2), text, true).toString();
    }

    private static StringBuilder append(StringBuilder json, String text, boolean asciiOnly) {
        if (text == null) {
            return json.append("null");
        }
        // copied in runs between the characters that need an escape, a text without any in one piece, not a
        // character at a time (the services run C1 code, which makes a call of each append; a replay writes a million
        // payloads so, JSON full of quotes)
        json.append('"');
        int length = text.length();
        int run = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!escaped(c, asciiOnly)) {
                continue;
            }
            json.append(text, run, i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else {
                json.append(String.format("\\u%04x", (int) c));
            }
            run = i + 1;
        }
        return json.append(text, run, length).append('"');
    }

    private static boolean escaped(char c, boolean asciiOnly) {
        return c == '"' || c == '\\' || c < 0x20 || (asciiOnly && c > 0x7E);
    }
}
