package de.lokalebuendnisse.kernel.person;

/** Whether a contact person works for the alliance as part of a job or as a volunteer. */
public enum Engagement {
    PROFESSIONAL("hauptamtlich"),
    VOLUNTEER("ehrenamtlich");

    private final String label;

    Engagement(String label) {
        this.label = label;
    }

    /** The German label shown to readers. */
    public String label() {
        return label;
    }
}
