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
        return literal(text, false);
    }

    /** The literal in printable ASCII only: everything else escaped; see the class comment. */
    public static String quotedAscii(String text) {
        return literal(text, true);
    }

    private static String literal(String text, boolean asciiOnly) {
        if (text == null) {
            return "null";
        }
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || (asciiOnly && c > 0x7E)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
