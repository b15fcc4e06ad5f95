package de.lokalebuendnisse.kernel.seal;

/** The criteria a grant is checked against; a refusal lists every one that is not met. */
public enum GrantCriterion {
    PERIOD_OPEN,
    BUENDNIS_ACTIVE,
    NOT_YET_GRANTED,
    NOT_REVOKED_IN_PERIOD,
    SURVEY_SUFFICIENT,
    PROJEKT_ZUKUNFT_INTEREST,
    WERKSTATT_ATTENDED
}
