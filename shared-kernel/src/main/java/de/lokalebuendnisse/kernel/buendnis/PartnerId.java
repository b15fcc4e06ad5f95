package de.lokalebuendnisse.kernel.buendnis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import de.lokalebuendnisse.kernel.common.Require;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a partner organisation within one Bündnis. */
public record PartnerId(@JsonValue String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public PartnerId {
        Require.matches(value, FORM, "partnerId", "id-format",
                "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
    }

    @JsonCreator
    public static PartnerId of(String value) {
        return new PartnerId(value);
    }

    public static PartnerId generate() {
        return new PartnerId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
