package de.lokalebuendnisse.kernel.directory;

/** What the directory can be sorted by; ties are broken by the Bündnis id so pages never overlap. */
public enum DirectorySort {
    NAME,
    PLACE,
    BUNDESLAND,
    FOUNDED_ON,
    ACTIVITY_LEVEL
}
