package de.lokalebuendnisse.kernel.buendnis;

/** Paused and dissolved alliances take part in nothing; dissolved is final. */
public enum BuendnisStatus {
    ACTIVE,
    PAUSED,
    DISSOLVED;

    public boolean takesPart() {
        return this == ACTIVE;
    }
}
