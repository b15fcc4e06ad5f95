package de.lokalebuendnisse.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** Amtlicher Gemeindeschlüssel: eight digits, the first two name the Land. */
public record MunicipalityKey(@JsonValue String value) {

    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");

    public MunicipalityKey {
        Require.matches(value, EIGHT_DIGITS, "municipalityKey", "ags-8-digits",
                "must be the 8-digit Amtlicher Gemeindeschlüssel");
        String land = value.substring(0, 2);
        if (land.compareTo("01") < 0 || land.compareTo("16") > 0) {
            throw new InvalidValueException("municipalityKey", "ags-land-digits",
                    "first two digits " + land + " name no German Land (01-16)");
        }
    }

    @JsonCreator
    public static MunicipalityKey of(String value) {
        return new MunicipalityKey(value);
    }

    public boolean liesIn(Bundesland bundesland) {
        return value.startsWith(bundesland.agsPrefix());
    }

    @Override
    public String toString() {
        return value;
    }
}
