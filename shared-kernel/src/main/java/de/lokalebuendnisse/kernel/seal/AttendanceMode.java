package de.lokalebuendnisse.kernel.seal;

/** The alliance attended itself, or sent a representative of a named organisation. */
public enum AttendanceMode {
    SELF,
    REPRESENTATIVE
}
