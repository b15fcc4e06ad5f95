package de.lokalebuendnisse.kernel.person;

/** What a contact person does for the alliance. */
public enum ContactFunction {
    KOORDINATION("Koordination"),
    SPRECHERIN("Sprecherin / Sprecher"),
    STELLVERTRETUNG("Stellvertretung"),
    ANSPRECHPARTNER("Ansprechperson"),
    OTHER("Sonstige Funktion");

    private final String label;

    ContactFunction(String label) {
        this.label = label;
    }

    /** The German label shown to readers. */
    public String label() {
        return label;
    }
}
