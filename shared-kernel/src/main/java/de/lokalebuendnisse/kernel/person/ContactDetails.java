package de.lokalebuendnisse.kernel.person;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;

import java.util.regex.Pattern;

/**
 * A contact person's personal data in plaintext. It travels in a command and is sealed before anything is recorded
 * ({@link SealedPersonalData}); no event, document or log holds it as it is.
 *
 * @param email    optional; a contact needs an e-mail address or a phone number
 * @param phone    optional; digits, spaces and {@code + - / ( )}
 * @param language ISO 639-1, two lower-case letters; {@code de} when not given
 */
public record ContactDetails(String name, ContactFunction function, Engagement engagement, String email,
                             String phone, String language) {

    public static final String DEFAULT_LANGUAGE = "de";

    /** Deliberately plain: one {@code @}, no spaces, a dot in the domain; delivery is what really proves it. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("[0-9 +\\-/()]{3,40}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    public ContactDetails {
        name = Require.text(name, "name", 200);
        Require.present(function, "function");
        Require.present(engagement, "engagement");
        email = Require.optionalText(email, "email", 254);
        if (email != null) {
            Require.matches(email, EMAIL, "email", "email-format", "must be an e-mail address like name@example.org");
        }
        phone = Require.optionalText(phone, "phone", 40);
        if (phone != null) {
            Require.matches(phone, PHONE, "phone", "phone-format",
                    "must hold 3-40 digits, spaces or + - / ( ) only");
            if (phone.chars().noneMatch(Character::isDigit)) {
                throw new InvalidValueException("phone", "phone-format", "must contain digits");
            }
        }
        if (email == null && phone == null) {
            throw new InvalidValueException("email", "email-or-phone",
                    "a contact person needs an e-mail address or a phone number");
        }
        language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.strip();
        Require.matches(language, LANGUAGE, "language", "language-format",
                "must be an ISO 639-1 code of two lower-case letters, e.g. de");
    }

    /** Personal data stays out of logs and exception messages; only what names no one is shown. */
    @Override
    public String toString() {
        return "ContactDetails[function=" + function + ", engagement=" + engagement + ", language=" + language
                + ", name, email and phone withheld]";
    }
}
