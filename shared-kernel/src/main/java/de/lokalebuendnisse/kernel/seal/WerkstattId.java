package de.lokalebuendnisse.kernel.seal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import de.lokalebuendnisse.kernel.common.Require;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a Zukunftswerkstatt within its award period. */
public record WerkstattId(@JsonValue String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public WerkstattId {
        Require.matches(value, FORM, "werkstattId", "id-format",
                "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
    }

    @JsonCreator
    public static WerkstattId of(String value) {
        return new WerkstattId(value);
    }

    public static WerkstattId generate() {
        return new WerkstattId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
