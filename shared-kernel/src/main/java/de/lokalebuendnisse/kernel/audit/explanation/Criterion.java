package de.lokalebuendnisse.kernel.audit.explanation;

/**
 * The criteria an explanation names: the grant criteria (same names as
 * {@link de.lokalebuendnisse.kernel.seal.GrantCriterion}) and the previous period's seal, which opens the renewal
 * path where the period's renewal rule allows it.
 */
public enum Criterion {
    PERIOD_OPEN,
    BUENDNIS_ACTIVE,
    NOT_YET_GRANTED,
    NOT_REVOKED_IN_PERIOD,
    SURVEY_SUFFICIENT,
    PROJEKT_ZUKUNFT_INTEREST,
    WERKSTATT_ATTENDED,
    PREVIOUS_SEAL_HELD
}
