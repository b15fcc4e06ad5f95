package de.lokalebuendnisse.query.directory;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Folds German text so that spellings with and without umlauts meet: "Bündnis", "Buendnis" and "bundnis" all
 * become "bundnis", "München" and "Muenchen" become "munchen". Stored beside the name and place, and applied to
 * the search words the same way. What remains are letters, digits and single spaces, so a search word can never
 * be a regular-expression or query operator.
 */
final class SearchText {

    private SearchText() {
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.GERMAN).replace("ß", "ss");
        // ä → a + combining diaeresis → a; likewise é, ç, …
        String plain = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String folded = plain.replace("ae", "a").replace("oe", "o").replace("ue", "u");
        return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The folded words of a search, each to be found somewhere in the folded name and place. */
    static List<String> words(String query) {
        String folded = fold(query);
        return folded.isEmpty() ? List.of() : Arrays.asList(folded.split(" "));
    }
}
