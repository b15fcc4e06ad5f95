package de.lokalebuendnisse.kernel.seal;

/** Whether a seal was earned through the survey or renewed by a previous holder. */
public enum GrantBasis {
    SURVEY,
    RENEWAL
}
