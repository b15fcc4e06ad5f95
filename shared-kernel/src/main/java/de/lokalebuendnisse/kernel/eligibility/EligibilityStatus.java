package de.lokalebuendnisse.kernel.eligibility;

/** Where an alliance stands in an award period, as the period's grant rule sees it. */
public enum EligibilityStatus {
    /** Meets the period's rule: the next grant or the ceremony would grant it the seal. */
    ELIGIBLE,
    /** Misses at least one criterion; the entry lists each with the reason the grant rule gives. */
    MISSING,
    /** Holds the period's seal. */
    GRANTED,
    /** Held the period's seal and lost it; the grant stays in the entry, as in the history. */
    REVOKED
}
