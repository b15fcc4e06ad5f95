package de.lokalebuendnisse.kernel.person;

/** The grounds of Art. 17(1) GDPR on which personal data is erased; recorded by code, never with the data. */
public enum ErasureBasis {
    ART_17_1_A("Zweck entfallen (Art. 17 Abs. 1 lit. a DSGVO)"),
    ART_17_1_B("Einwilligung widerrufen (Art. 17 Abs. 1 lit. b DSGVO)"),
    ART_17_1_C("Widerspruch (Art. 17 Abs. 1 lit. c DSGVO)"),
    ART_17_1_D("unrechtmäßig verarbeitet (Art. 17 Abs. 1 lit. d DSGVO)"),
    ART_17_1_E("rechtliche Verpflichtung (Art. 17 Abs. 1 lit. e DSGVO)"),
    ART_17_1_F("Dienste der Informationsgesellschaft an Kinder (Art. 17 Abs. 1 lit. f DSGVO)");

    private final String label;

    ErasureBasis(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
