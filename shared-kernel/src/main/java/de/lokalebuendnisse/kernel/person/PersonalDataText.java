package de.lokalebuendnisse.kernel.person;

import de.lokalebuendnisse.kernel.common.InvalidValueException;

import java.util.regex.Pattern;

/**
 * The rule for free texts that are recorded in plain (reasons of a pause, a dissolution, a seal's revocation, an
 * erasure): they must hold no personal data, and one that visibly does is refused with rule
 * {@value #RULE}.
 * <p>
 * Why refuse rather than encrypt: these texts are the explanation auditors read and the public history shows; sealed
 * they would explain nothing. And names cannot be recognised reliably, so no filter can promise a clean text; the
 * API documentation states that the field must hold no personal data, and this check catches what is recognisable
 * (an e-mail address, a phone number, a salutation followed by a name) before it becomes an event that is kept
 * forever.
 */
public final class PersonalDataText {

    public static final String RULE = "no-personal-data";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /**
     * Six or more digits, optionally separated by spaces and {@code + - / ( )}; dates (30.06.2025) do not match, and
     * award periods (2024/25) are taken out first ({@link #AWARD_PERIOD}).
     */
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d(?:[ \\-/()]{0,2}\\d){5,}");
    /** An award period is named like 2024/25 all over the domain; it is no phone number. */
    private static final Pattern AWARD_PERIOD = Pattern.compile("(?<!\\d)\\d{4}/\\d{2}(?!\\d)");
    private static final Pattern SALUTATION_AND_NAME = Pattern.compile(
            "(?<![\\p{L}])(Frau|Herrn?|Dr\\.|Prof\\.)\\s+(Dr\\.\\s+|Prof\\.\\s+)*\\p{Lu}\\p{L}+");

    private PersonalDataText() {
    }

    /** What {@code text} visibly carries of a person, or {@code null} when nothing is recognised. */
    public static String findings(String text) {
        if (text == null) {
            return null;
        }
        if (EMAIL.matcher(text).find()) {
            return "an e-mail address";
        }
        if (PHONE.matcher(AWARD_PERIOD.matcher(text).replaceAll(" ")).find()) {
            return "a phone number";
        }
        if (SALUTATION_AND_NAME.matcher(text).find()) {
            return "a salutation with a name";
        }
        return null;
    }

    /** The text as given; refused with rule {@value #RULE} when it visibly carries personal data. */
    public static String refusePersonalData(String text, String field) {
        String found = findings(text);
        if (found != null) {
            throw new InvalidValueException(field, RULE, "must hold no personal data (found " + found
                    + "); it is recorded in plain for auditors and the public history");
        }
        return text;
    }
}
