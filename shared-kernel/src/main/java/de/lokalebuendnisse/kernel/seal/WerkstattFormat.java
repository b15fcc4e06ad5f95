package de.lokalebuendnisse.kernel.seal;

public enum WerkstattFormat {
    IN_PERSON,
    VIRTUAL
}
