package de.lokalebuendnisse.kernel.seal;

/** How holders of the previous period's seal keep it; stated in the period's opening event. */
public enum RenewalRule {
    /** Previous holders need the survey like everyone else. */
    NO_RENEWAL,
    /** Previous holders renew without the survey when they attend a Werkstatt of the new period. */
    RENEW_BY_WERKSTATT_ATTENDANCE
}
