package de.lokalebuendnisse.kernel.common;

/**
 * The one way a refusal quotes what the caller sent: at most {@link #MAX_CODE_POINTS} characters, control, format
 * and bidi characters and lone surrogates shown as {@code \}{@code u} escapes, and a note of how much was left out.
 * A refusal never echoes a whole value, so a megabyte of junk is answered in a line.
 */
public final class Excerpt {

    public static final int MAX_CODE_POINTS = 40;

    private Excerpt() {
    }

    /** {@code 'abc'}, or {@code 'abc…' (1048576 characters)} when shortened; {@code null} as {@code null}. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        StringBuilder shown = new StringBuilder("'");
        int count = 0;
        int i = 0;
        while (i < text.length() && count < MAX_CODE_POINTS) {
            int cp = text.codePointAt(i);
            boolean loneSurrogate = Character.isSurrogate(text.charAt(i)) && Character.charCount(cp) == 1;
            int type = Character.getType(cp);
            if (loneSurrogate || type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                shown.append(String.format("\\u%04X", (int) text.charAt(i)));
                i += 1;
            } else {
                shown.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            count++;
        }
        shown.append('\'');
        if (i < text.length()) {
            shown.insert(shown.length() - 1, '…').append(" (").append(text.length()).append(" characters)");
        }
        return shown.toString();
    }
}
