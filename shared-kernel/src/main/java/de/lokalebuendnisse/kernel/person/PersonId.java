package de.lokalebuendnisse.kernel.person;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import de.lokalebuendnisse.kernel.common.Require;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies a contact person within one Bündnis; also names the person's own key, so erasing the key erases every
 * recorded form of the person's data. Carries no personal data itself.
 */
public record PersonId(@JsonValue String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public PersonId {
        Require.matches(value, FORM, "personId", "id-format",
                "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
    }

    @JsonCreator
    public static PersonId of(String value) {
        return new PersonId(value);
    }

    public static PersonId generate() {
        return new PersonId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
