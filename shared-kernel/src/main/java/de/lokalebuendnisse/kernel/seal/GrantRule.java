package de.lokalebuendnisse.kernel.seal;

/**
 * The rule a period grants by. Versioned: a new rule gets a new constant, old events keep naming theirs.
 */
public enum GrantRule {
    /**
     * "Ausgezeichnetes Bündnis 2024/25": (a) sufficient survey activity level, (b) declared interest in
     * Projekt Zukunft, (c) attended one regional Zukunftswerkstatt itself or through a representative.
     */
    SURVEY_INTEREST_WERKSTATT_V1
}
