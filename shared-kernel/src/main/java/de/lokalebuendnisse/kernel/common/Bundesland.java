package de.lokalebuendnisse.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The 16 German Länder with their ISO 3166-2 code and the Land digits of the Amtlicher Gemeindeschlüssel. */
public enum Bundesland {
    BW("DE-BW", "08", "Baden-Württemberg"),
    BY("DE-BY", "09", "Bayern"),
    BE("DE-BE", "11", "Berlin"),
    BB("DE-BB", "12", "Brandenburg"),
    HB("DE-HB", "04", "Bremen"),
    HH("DE-HH", "02", "Hamburg"),
    HE("DE-HE", "06", "Hessen"),
    MV("DE-MV", "13", "Mecklenburg-Vorpommern"),
    NI("DE-NI", "03", "Niedersachsen"),
    NW("DE-NW", "05", "Nordrhein-Westfalen"),
    RP("DE-RP", "07", "Rheinland-Pfalz"),
    SL("DE-SL", "10", "Saarland"),
    SN("DE-SN", "14", "Sachsen"),
    ST("DE-ST", "15", "Sachsen-Anhalt"),
    SH("DE-SH", "01", "Schleswig-Holstein"),
    TH("DE-TH", "16", "Thüringen");

    private final String isoCode;
    private final String agsPrefix;
    private final String germanName;

    Bundesland(String isoCode, String agsPrefix, String germanName) {
        this.isoCode = isoCode;
        this.agsPrefix = agsPrefix;
        this.germanName = germanName;
    }

    @JsonValue
    public String isoCode() {
        return isoCode;
    }

    public String agsPrefix() {
        return agsPrefix;
    }

    public String germanName() {
        return germanName;
    }

    @JsonCreator
    public static Bundesland ofIsoCode(String code) {
        Require.present(code, "bundesland");
        return Arrays.stream(values())
                .filter(land -> land.isoCode.equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidValueException("bundesland", "iso-3166-2",
                        Excerpt.of(code) + " is not an ISO 3166-2 code of a German Land (DE-BW ... DE-TH)"));
    }
}
