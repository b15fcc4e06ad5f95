package de.lokalebuendnisse.kernel.eligibility.explanation;

/** What an explanation explains. */
public enum ExplanationKind {
    /** A seal granted through the survey. */
    GRANT,
    /** A seal granted by renewal to a holder of the previous period's seal. */
    RENEWAL,
    /** The rule is met at the instant asked for, but no seal has been granted yet. */
    ELIGIBLE,
    /** The rule is not met at the instant asked for: what a grant would have been refused for. */
    REFUSAL,
    /** A granted seal was revoked. */
    REVOCATION
}
